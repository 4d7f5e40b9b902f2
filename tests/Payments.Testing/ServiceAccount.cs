namespace Payments.Testing;

/// <summary>
/// The OS account a server runs as. PostgreSQL refuses to run as root, so when the test host is
/// root, the server runs as an unprivileged system account (<c>postgres</c>, created by Debian's
/// postgresql package, else <c>nobody</c>) through <c>setpriv</c>, which switches user and then
/// execs, so the server keeps the process id that was started. Otherwise it runs as the current user.
/// </summary>
internal sealed record ServiceAccount(string Name, int UserId, int GroupId)
{
    public static ServiceAccount? ForPostgres()
        => Environment.IsPrivilegedProcess ? Find("postgres") ?? Find("nobody") : null;

    /// <summary>Wraps a command so that it runs as this account.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(string fileName, IEnumerable<string> arguments)
        => ("setpriv", [$"--reuid={UserId}", $"--regid={GroupId}", "--clear-groups", "--", fileName, .. arguments]);

    /// <summary>Gives this account the folder and everything in it.</summary>
    public Task ChownAsync(string path, CancellationToken cancellationToken)
        => CommandRunner.RunCheckedAsync("chown", ["-R", $"{UserId}:{GroupId}", path], cancellationToken: cancellationToken);

    private static ServiceAccount? Find(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name
                && int.TryParse(fields[2], out var uid) && int.TryParse(fields[3], out var gid))
            {
                return new ServiceAccount(name, uid, gid);
            }
        }

        return null;
    }
}
