using System.Diagnostics;
using Npgsql;

namespace Payments.Testing;

/// <summary>
/// A PostgreSQL server for tests. When <c>PAYMENTS_TEST_POSTGRES</c> is set (an Npgsql connection
/// string to a server whose user may create databases), that server is used and nothing is started.
/// Otherwise a private server is created with <c>initdb</c> in a temp folder and started as a child
/// process on a free port of 127.0.0.1, tuned for tests (fsync, synchronous_commit and
/// full_page_writes off). As root it runs as the <c>postgres</c> system account (PostgreSQL refuses
/// to run as root). Binaries are taken from <c>PAYMENTS_TEST_POSTGRES_BIN</c>, else from the newest
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>.
/// <para>
/// Start-up (measured on the 2-core dev/CI machine, PostgreSQL 15): 1.5–4 s for initdb plus the
/// first start (the upper end under a parallel build); <see cref="StopAsync"/> and
/// <see cref="StartAgainAsync"/> take about 0.2 s each. Connection pools are cleared on stop.
/// </para>
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "PAYMENTS_TEST_POSTGRES";
    public const string BinariesVariable = "PAYMENTS_TEST_POSTGRES_BIN";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly TemporaryDirectory? _directory;
    private readonly ServiceAccount? _account;
    private readonly string? _binaries;
    private readonly int _port;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ChildProcess? _process;
    private bool _disposed;

    private PostgresServer(string adminConnectionString)
    {
        AdminConnectionString = adminConnectionString;
        IsExternal = true;
        _port = new NpgsqlConnectionStringBuilder(adminConnectionString).Port;
    }

    private PostgresServer(TemporaryDirectory directory, ServiceAccount? account, string binaries, int port)
    {
        _directory = directory;
        _account = account;
        _binaries = binaries;
        _port = port;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>Connection string of the superuser (or the given user) to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when the server came from <c>PAYMENTS_TEST_POSTGRES</c> and cannot be stopped.</summary>
    public bool IsExternal { get; }

    public int Port => _port;

    /// <summary>How long the last start (initdb included on the first) took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The temp folder of the private server (data, socket); null for an external server.</summary>
    public string? DataDirectory => _directory?.Path;

    /// <summary>The server's recent log lines (empty for an external server).</summary>
    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    private string ClusterDirectory => _directory!.Combine("data");

    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default)
    {
        Needs.Allowed(Needs.Postgres);
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external);
            await WaitUntilAcceptingAsync(server.AdminConnectionString, null, StartTimeout, ct);
            return server;
        }

        // As for the test broker: a port taken between being picked and being bound ("could not bind", "Address
        // already in use") is retried on a new port, a few times, before the start counts as a failure.
        for (var attempt = 1; ; attempt++)
        {
            var binaries = FindBinaries();
            var account = ServiceAccount.ForPostgres();
            var directory = TemporaryDirectory.Create("payments-pg", worldReadableRoot: account is not null);
            var started = new PostgresServer(directory, account, binaries, FreePort.Get());
            try
            {
                var stopwatch = Stopwatch.StartNew();
                await started.InitializeAsync(ct);
                await started.StartProcessAsync(ct);
                started.StartupTime = stopwatch.Elapsed;
                return started;
            }
            catch (Exception exception) when (attempt < PortRaceAttempts && LostItsPort(exception.Message + started.RecentOutput))
            {
                await started.DisposeAsync();
            }
            catch
            {
                await started.DisposeAsync();
                throw;
            }
        }
    }

    private const int PortRaceAttempts = 3;

    private static bool LostItsPort(string output) =>
        output.Contains("Address already in use", StringComparison.OrdinalIgnoreCase) || output.Contains("could not bind", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null)
    {
        var prefix = new string((namePrefix ?? "test").ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (prefix.Length > 40)
        {
            prefix = prefix[..40];
        }

        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The name is built from letters, digits and underscores only.
            command.CommandText = $"CREATE DATABASE \"{name}\"";
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown) so that connections fail; for fault tests.</summary>
    public async Task StopAsync()
    {
        EnsureOwned();
        await _gate.WaitAsync();
        try
        {
            await StopProcessAsync(fast: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public async Task StartAgainAsync()
    {
        EnsureOwned();
        await _gate.WaitAsync();
        try
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            await StartProcessAsync(CancellationToken.None);
            StartupTime = stopwatch.Elapsed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!IsExternal)
        {
            await StopProcessAsync(fast: false);
            _directory?.Delete();
        }

        _gate.Dispose();
    }

    private void EnsureOwned()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsExternal)
        {
            throw new NotSupportedException(
                $"The PostgreSQL server given by {ConnectionStringVariable} cannot be stopped or started by tests.");
        }
    }

    private async Task InitializeAsync(CancellationToken ct)
    {
        if (_account is not null)
        {
            await _account.ChownAsync(_directory!.Path, ct);
        }

        var (fileName, arguments) = Command(
            Path.Combine(_binaries!, "initdb"),
            ["-D", ClusterDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
        await CommandRunner.RunCheckedAsync(fileName, arguments, ServerEnvironment(), timeout: TimeSpan.FromMinutes(2), cancellationToken: ct);
    }

    private async Task StartProcessAsync(CancellationToken ct)
    {
        var (fileName, arguments) = Command(
            Path.Combine(_binaries!, "postgres"),
            [
                "-D", ClusterDirectory,
                "-p", _port.ToString(),
                "-k", _directory!.Path,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=300",
                "-c", "shared_buffers=64MB",
                "-c", "logging_collector=off",
                "-c", "log_min_messages=warning",
            ]);
        var process = ChildProcess.Start(
            "postgres", fileName, arguments, ServerEnvironment(), _directory.Path, cleanupDirectory: _directory.Path);
        _process = process;
        try
        {
            await WaitUntilAcceptingAsync(AdminConnectionString, process, StartTimeout, ct);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private async Task StopProcessAsync(bool fast)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        // SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one; both release the shared memory.
        process.Signal(fast ? "INT" : "QUIT");
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
        }

        await process.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _process = null;
    }

    private (string FileName, IReadOnlyList<string> Arguments) Command(string fileName, IReadOnlyList<string> arguments)
        => _account is null ? (fileName, arguments) : _account.Wrap(fileName, arguments);

    private static Dictionary<string, string?> ServerEnvironment() => new()
    {
        ["LC_ALL"] = "C",
        ["LANG"] = "C",
        ["PGDATA"] = null,
        ["PGPORT"] = null,
        ["PGHOST"] = null,
    };

    private static async Task WaitUntilAcceptingAsync(string connectionString, ChildProcess? process, TimeSpan timeout, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var stopwatch = Stopwatch.StartNew();
        Exception? last = null;
        while (stopwatch.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"PostgreSQL did not start. {await process.DescribeExitAsync()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                last = ex;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException(
            $"PostgreSQL did not accept connections within {timeout}. Last error: {last?.Message}{System.Environment.NewLine}{process?.RecentOutput}",
            last);
    }

    private static string FindBinaries()
    {
        var configured = System.Environment.GetEnvironmentVariable(BinariesVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(c => c.Version > 0 && File.Exists(Path.Combine(c.Directory, "bin", "postgres")))
                .OrderByDescending(c => c.Version)
                .Select(c => Path.Combine(c.Directory, "bin"))
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"No PostgreSQL server binaries under {root}. Install postgresql-15 (./test.sh does), "
                + $"set {BinariesVariable} to the bin folder, or set {ConnectionStringVariable} to an existing server.");
    }
}
