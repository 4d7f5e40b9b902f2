using System.Security.Cryptography;
using System.Text;
using Payments.Ingress.Tests.Xsolla;

namespace Payments.Ingress.Tests.Support;

/// <summary>Signs as Xsolla does — hex(SHA-1(body ‖ secret)) — with the test account's secrets, independently of the code under test.</summary>
internal static class XsollaSigner
{
    public const string Current = "test-secret-current";

    /// <summary>The rotated-out secret, still listed: the secret of vectors X1, X3 and X4.</summary>
    public const string Previous = XsollaVectors.Secret;

    public const string Unknown = "some-other-project-secret";

    public static string Authorization(byte[] body, string secret = Current) => $"Signature {Digest(body, secret)}";

    public static string Authorization(string body, string secret = Current) => Authorization(Encoding.UTF8.GetBytes(body), secret);

    public static string Digest(byte[] body, string secret)
    {
#pragma warning disable CA5350 // Xsolla's scheme.
        return Convert.ToHexStringLower(SHA1.HashData([.. body, .. Encoding.UTF8.GetBytes(secret)]));
#pragma warning restore CA5350
    }

    /// <summary>Account <paramref name="name"/> with the current and the previous secret.</summary>
    public static Dictionary<string, string?> Settings(string name = "game1") => new()
    {
        [$"Providers:Xsolla:Accounts:{name}:SecretKeys:0"] = Current,
        [$"Providers:Xsolla:Accounts:{name}:SecretKeys:1"] = Previous,
    };
}
