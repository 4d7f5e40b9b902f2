namespace Payments.Testing;

/// <summary>
/// A private CA and a server certificate it signed (for <c>localhost</c> and 127.0.0.1), made with openssl in a
/// temporary folder: what a TLS listener needs, and the CA file a client trusts it with.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly TemporaryDirectory _directory;

    private TestCertificates(TemporaryDirectory directory) => _directory = directory;

    public string CaFile => _directory.Combine("ca.pem");

    public string ServerCertificateFile => _directory.Combine("server.pem");

    public string ServerKeyFile => _directory.Combine("server.key");

    /// <summary>Another CA's certificate: a client that trusts only it must refuse the server.</summary>
    public string StrangerCaFile => _directory.Combine("stranger.pem");

    public static async Task<TestCertificates> CreateAsync()
    {
        var directory = TemporaryDirectory.Create("payments-tls");
        var certificates = new TestCertificates(directory);
        try
        {
            string Path(string name) => directory.Combine(name);
            await OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=payments test CA", "-keyout", Path("ca.key"), "-out", Path("ca.pem"));
            await OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=stranger CA", "-keyout", Path("stranger.key"), "-out", Path("stranger.pem"));
            await OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", Path("server.key"), "-out", Path("server.csr"));
            File.WriteAllText(Path("server.ext"), "subjectAltName = DNS:localhost, IP:127.0.0.1\nextendedKeyUsage = serverAuth\n");
            await OpenSsl("x509", "-req", "-in", Path("server.csr"), "-CA", Path("ca.pem"), "-CAkey", Path("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", Path("server.ext"), "-out", Path("server.pem"));
            return certificates;
        }
        catch
        {
            certificates.Dispose();
            throw;
        }
    }

    public void Dispose() => _directory.Delete();

    private static Task<string> OpenSsl(params string[] arguments) => CommandRunner.RunCheckedAsync("openssl", arguments, timeout: TimeSpan.FromSeconds(60));
}
