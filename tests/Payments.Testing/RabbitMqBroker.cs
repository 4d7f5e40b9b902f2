using System.Diagnostics;
using System.Net.Sockets;

namespace Payments.Testing;

/// <summary>
/// A RabbitMQ broker for tests. When <c>PAYMENTS_TEST_RABBITMQ</c> is set
/// (<c>amqp://user:pass@host:port/vhost</c>), that broker is used and nothing is started.
/// Otherwise a private node is started as a child process: a unique node name, AMQP, Erlang
/// distribution and CLI ports that were free on 127.0.0.1, its own epmd on a free port of
/// 127.0.0.1 (so it never meets another run's or the system's epmd), and all data, logs, config,
/// plugins file and Erlang cookie in a temp folder. The Debian <c>/usr/sbin/rabbitmq-server</c>
/// wrapper is bypassed (it switches to the <c>rabbitmq</c> account and writes under /var): the
/// underlying <c>/usr/lib/rabbitmq/bin/rabbitmq-server</c> runs as the current user, root included.
/// The default <c>guest</c> user works because clients connect over loopback.
/// <para>
/// Start-up (measured on the 2-core dev/CI machine, RabbitMQ 3.10.8, Erlang 25): about 6–8 s when
/// the machine is idle and 10–15 s under a parallel build (load 9–15), mostly the Erlang VM and
/// RabbitMQ's boot steps; <see cref="StopAsync"/> takes 0.5–3 s and <see cref="StartAgainAsync"/>
/// as long as a first start. Start one broker per test assembly (<see cref="InfrastructureFixture"/>),
/// not one per test.
/// </para>
/// <para>
/// A node of a <see cref="RabbitMqCluster"/> is started the same way except that it registers with the cluster's
/// epmd (which it neither starts nor stops), gets the cluster's Erlang cookie in its <c>$HOME/.erlang.cookie</c>, and,
/// when <see cref="StartAgainAsync"/> finds every other node of its cluster down, is told <c>rabbitmqctl force_boot</c>
/// first (otherwise a node that was not the last one to stop waits up to 5 minutes for the one that was).
/// </para>
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    public const string UriVariable = "PAYMENTS_TEST_RABBITMQ";
    public const string BinariesVariable = "PAYMENTS_TEST_RABBITMQ_BIN";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly TemporaryDirectory? _directory;
    private readonly string? _binaries;
    private readonly string? _nodeName;
    private readonly Dictionary<string, string?> _environment = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ChildProcess? _epmd;
    private ChildProcess? _server;
    private bool _disposed;
    private TestCertificates? _tls;
    private readonly int _tlsPort;
    private readonly RabbitMqCluster? _cluster;

    private RabbitMqBroker(Uri uri)
    {
        IsExternal = true;
        Host = uri.Host;
        Port = uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port;
        var userInfo = uri.UserInfo.Split(':', 2);
        Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var path = uri.AbsolutePath.TrimStart('/');
        VirtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
    }

    private RabbitMqBroker(TemporaryDirectory directory, string binaries, string nodeName, int[] ports, RabbitMqCluster? cluster)
    {
        _directory = directory;
        _cluster = cluster;
        _binaries = binaries;
        _nodeName = nodeName;
        Host = "127.0.0.1";
        Port = ports[0];
        Username = "guest";
        Password = "guest";
        VirtualHost = "/";
        EpmdPort = ports[2];
        _tlsPort = ports.Length > 4 ? ports[4] : 0;
        var loopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = directory.Path,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = ports[0].ToString(),
            ["RABBITMQ_DIST_PORT"] = ports[1].ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = ports[2].ToString(),
            ["RABBITMQ_CTL_DIST_PORT_MIN"] = ports[3].ToString(),
            ["RABBITMQ_CTL_DIST_PORT_MAX"] = ports[3].ToString(),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_CTL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_MNESIA_BASE"] = directory.Combine("mnesia"),
            ["RABBITMQ_LOG_BASE"] = directory.Combine("log"),
            ["RABBITMQ_CONFIG_FILE"] = directory.Combine("rabbitmq.conf"),
            ["RABBITMQ_CONFIG_FILES"] = directory.Combine("conf.d"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = directory.Combine("advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = directory.Combine("enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = directory.Combine("rabbitmq-env.conf"),
            ["LC_ALL"] = "C.UTF-8",
        };
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The AMQP-over-TLS port of a node started with certificates; 0 otherwise.</summary>
    public int TlsPort => _tls is null ? 0 : _tlsPort;

    public string Username { get; }

    public string Password { get; }

    public string VirtualHost { get; }

    /// <summary><c>amqp://user:pass@host:port/</c>, with the virtual host as the escaped path (empty for "/").</summary>
    public Uri AmqpUri => new UriBuilder("amqp", Host, Port, VirtualHost == "/" ? "/" : "/" + Uri.EscapeDataString(VirtualHost))
    {
        UserName = Uri.EscapeDataString(Username),
        Password = Uri.EscapeDataString(Password),
    }.Uri;

    /// <summary>True when the broker came from <c>PAYMENTS_TEST_RABBITMQ</c> and cannot be stopped.</summary>
    public bool IsExternal { get; }

    /// <summary>The private node's name (<c>payments-test-…@localhost</c>); null for an external broker.</summary>
    public string? NodeName => _nodeName;

    /// <summary>The private epmd's port (for a cluster node, the cluster's one epmd); 0 for an external broker.</summary>
    public int EpmdPort { get; }

    /// <summary>How long the last start took (until AMQP accepts and <c>await_startup</c> succeeded).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The temp folder of the private server (data, socket); null for an external server.</summary>
    public string? DataDirectory => _directory?.Path;

    /// <summary>The node's recent console log (empty for an external broker).</summary>
    public string RecentOutput => _server?.RecentOutput ?? string.Empty;

    public static Task<RabbitMqBroker> StartAsync(CancellationToken ct = default) => StartAsync(tls: null, ct);

    /// <summary>True while the private node's process runs (it may still be booting or stopping); false for an external broker.</summary>
    internal bool IsRunning => _server is { HasExited: false };

    /// <summary>True while <see cref="StartAgainAsync"/> starts a cluster node (from its force_boot decision on).</summary>
    internal bool IsStarting { get; private set; }

    /// <summary>
    /// Starts a private node for <paramref name="cluster"/>: its own name, ports and folder, the cluster's epmd and cookie.
    /// The node starts on its own (a cluster of one); <see cref="RabbitMqCluster"/> joins it to the first node.
    /// </summary>
    internal static Task<RabbitMqBroker> StartClusterNodeAsync(RabbitMqCluster cluster, string nodeName, CancellationToken ct)
        => StartPrivateAsync(tls: null, cluster, nodeName, ct);

    /// <param name="tls">Also listen for AMQP over TLS on <see cref="TlsPort"/> with this certificate (a private node only).</param>
    public static async Task<RabbitMqBroker> StartAsync(TestCertificates? tls, CancellationToken ct = default)
    {
        Needs.Allowed(Needs.RabbitMq);
        var external = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(external) && tls is null)
        {
            var broker = new RabbitMqBroker(new Uri(external));
            await WaitForPortAsync(broker.Host, broker.Port, null, StartTimeout, ct);
            return broker;
        }

        return await StartPrivateAsync(tls, cluster: null, nodeName: null, ct);
    }

    private static async Task<RabbitMqBroker> StartPrivateAsync(TestCertificates? tls, RabbitMqCluster? cluster, string? nodeName, CancellationToken ct)
    {
        // A free port can be taken by another process between being picked and being bound (the node then fails
        // with eaddrinuse): such a start is retried on new ports, a few times, before it counts as a failure.
        for (var attempt = 1; ; attempt++)
        {
            var binaries = FindBinaries();
            var directory = TemporaryDirectory.Create("payments-mq");
            var name = nodeName ?? $"payments-test-{Guid.NewGuid():N}"[..22] + "@localhost";
            var ports = FreePort.GetMany(5);
            if (cluster is not null)
            {
                ports[2] = cluster.EpmdPort;
            }

            var started = new RabbitMqBroker(directory, binaries, name, ports, cluster) { _tls = tls };
            try
            {
                var stopwatch = Stopwatch.StartNew();
                started.WriteConfiguration();
                await started.StartEpmdAsync(ct);
                await started.StartServerAsync(ct);
                started.StartupTime = stopwatch.Elapsed;
                return started;
            }
            catch (Exception) when (attempt < PortRaceAttempts && started.RecentOutput.Contains("eaddrinuse", StringComparison.Ordinal))
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

    /// <summary>Stops the node cleanly (<c>rabbitmqctl stop</c>) so that connections fail; for broker-down tests.</summary>
    public async Task StopAsync()
    {
        EnsureOwned();
        await _gate.WaitAsync();
        try
        {
            var server = _server;
            if (server is null)
            {
                return;
            }

            if (!server.HasExited)
            {
                await CliAsync("rabbitmqctl", ["stop"], TimeSpan.FromSeconds(60), CancellationToken.None);
                if (!await server.WaitForExitAsync(TimeSpan.FromSeconds(30)))
                {
                    server.Signal("TERM");
                    if (!await server.WaitForExitAsync(TimeSpan.FromSeconds(15)))
                    {
                        server.Kill();
                    }
                }
            }

            await server.DisposeAsync();
            _server = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the stopped node again: same node name, ports and data.</summary>
    public async Task StartAgainAsync()
    {
        EnsureOwned();
        await _gate.WaitAsync();
        try
        {
            if (_server is { HasExited: false })
            {
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            await StartEpmdAsync(CancellationToken.None);
            if (_cluster is not null)
            {
                await _cluster.RestartGate.WaitAsync();
                try
                {
                    if (!_cluster.AnyStartingOrRunningExcept(this))
                    {
                        // Every other node is down: unless this one stopped last, it would wait (10 × 30 s) for the one
                        // that did. Nodes started again at the same time wait for this one instead (the gate).
                        var forced = await CliAsync("rabbitmqctl", ["force_boot"], TimeSpan.FromSeconds(60), CancellationToken.None);
                        if (!forced.Succeeded)
                        {
                            throw new InvalidOperationException($"rabbitmqctl force_boot failed: {forced.Output}");
                        }
                    }

                    IsStarting = true;
                }
                finally
                {
                    _cluster.RestartGate.Release();
                }
            }

            await StartServerAsync(CancellationToken.None);
            StartupTime = stopwatch.Elapsed;
        }
        finally
        {
            IsStarting = false;
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
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }

        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
            _epmd = null;
        }

        _directory?.Delete();
        _gate.Dispose();
    }

    private void EnsureOwned()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsExternal)
        {
            throw new NotSupportedException($"The broker given by {UriVariable} cannot be stopped or started by tests.");
        }
    }

    private void WriteConfiguration()
    {
        var tls = _tls is null
            ? ""
            : $"""
                listeners.ssl.default = 127.0.0.1:{TlsPort}
                ssl_options.cacertfile = {_tls.CaFile}
                ssl_options.certfile = {_tls.ServerCertificateFile}
                ssl_options.keyfile = {_tls.ServerKeyFile}
                ssl_options.verify = verify_none
                ssl_options.fail_if_no_peer_cert = false
                ssl_options.versions.1 = tlsv1.3
                ssl_options.versions.2 = tlsv1.2

                """;
        File.WriteAllText(_directory!.Combine("rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{Port}
            loopback_users.guest = true
            disk_free_limit.absolute = 1MB
            log.console = true
            log.console.level = info
            log.file = false
            """ + "\n" + tls);
        File.WriteAllText(_directory.Combine("enabled_plugins"), "[].\n");
        File.WriteAllText(_directory.Combine("rabbitmq-env.conf"), string.Empty);
        Directory.CreateDirectory(_directory.Combine("conf.d"));
        if (_cluster is not null)
        {
            // The node and the CLI read $HOME/.erlang.cookie (HOME is the node's folder); Erlang refuses a cookie
            // file that others can read.
            var cookie = _directory.Combine(".erlang.cookie");
            File.WriteAllText(cookie, _cluster.Cookie);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
            }
        }
    }

    /// <summary>Starts the node's own epmd when it is not running; a cluster node asks its cluster instead.</summary>
    private async Task StartEpmdAsync(CancellationToken ct)
    {
        if (_cluster is not null)
        {
            await _cluster.EnsureEpmdAsync(ct);
            return;
        }

        if (_epmd is { HasExited: false })
        {
            return;
        }

        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
        }

        _epmd = await StartEpmdProcessAsync(EpmdPort, _environment, _directory!.Path, ct);
    }

    /// <summary>Starts an epmd listening on 127.0.0.1:<paramref name="port"/> only and waits until it accepts connections.</summary>
    internal static async Task<ChildProcess> StartEpmdProcessAsync(
        int port, IEnumerable<KeyValuePair<string, string?>> environment, string workingDirectory, CancellationToken ct)
    {
        var epmd = ChildProcess.Start(
            "epmd",
            "epmd",
            ["-port", port.ToString(), "-address", "127.0.0.1"],
            environment,
            workingDirectory,
            removePrefixes: ["ERL_"],
            outputLines: 50);
        try
        {
            await WaitForPortAsync("127.0.0.1", port, epmd, TimeSpan.FromSeconds(15), ct);
            return epmd;
        }
        catch
        {
            await epmd.DisposeAsync();
            throw;
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var server = ChildProcess.Start(
            "rabbitmq",
            Path.Combine(_binaries!, "rabbitmq-server"),
            [],
            _environment,
            _directory!.Path,
            removePrefixes: ["RABBITMQ_", "ERL_"],
            cleanupDirectory: _directory.Path);
        _server = server;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            await WaitForPortAsync(Host, Port, server, StartTimeout, ct);

            // The AMQP listener opens a moment before the boot completes, and await_startup, asked
            // in that moment, checks again only 10 s later: poll check_running first.
            while (stopwatch.Elapsed < StartTimeout && !server.HasExited)
            {
                var running = await CliAsync("rabbitmq-diagnostics", ["-q", "check_running"], TimeSpan.FromSeconds(30), ct);
                if (running.Succeeded)
                {
                    break;
                }

                await Task.Delay(200, ct);
            }

            var result = await CliAsync("rabbitmqctl", ["await_startup", "--timeout", "60"], TimeSpan.FromSeconds(90), ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"rabbitmqctl await_startup failed:{Environment.NewLine}{result.Output}{Environment.NewLine}{server.RecentOutput}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            _server = null;
            throw;
        }
    }

    /// <summary>Every queue of the node's default virtual host with its ready messages.</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueuesAsync(CancellationToken ct = default)
    {
        EnsureOwned();
        var result = await CliAsync("rabbitmqctl", ["-q", "list_queues", "name", "messages"], TimeSpan.FromSeconds(60), ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"rabbitmqctl list_queues failed: {result.Output}");
        }

        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], out _))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <c>rabbitmqctl -n &lt;this node&gt; …</c> with the node's environment (epmd, cookie, CLI port).</summary>
    internal Task<CommandRunner.Result> RabbitMqCtlAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        EnsureOwned();
        return CliAsync("rabbitmqctl", arguments, timeout, ct);
    }

    private Task<CommandRunner.Result> CliAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
        => CommandRunner.RunAsync(
            Path.Combine(_binaries!, tool),
            ["-n", _nodeName!, .. arguments],
            _environment,
            removePrefixes: ["RABBITMQ_", "ERL_"],
            workingDirectory: _directory!.Path,
            timeout: timeout,
            cancellationToken: ct);

    private static async Task WaitForPortAsync(string host, int port, ChildProcess? process, TimeSpan timeout, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        Exception? last = null;
        while (stopwatch.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{process.Name} did not start. {await process.DescribeExitAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                await client.ConnectAsync(host, port, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                last = ex;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException(
            $"{host}:{port} did not accept TCP connections within {timeout}. Last error: {last?.Message}{Environment.NewLine}{process?.RecentOutput}",
            last);
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable(BinariesVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        const string debian = "/usr/lib/rabbitmq/bin";
        if (File.Exists(Path.Combine(debian, "rabbitmq-server")))
        {
            return debian;
        }

        const string lib = "/usr/lib/rabbitmq/lib";
        var packaged = Directory.Exists(lib)
            ? Directory.GetDirectories(lib, "rabbitmq_server-*")
                .Select(d => Path.Combine(d, "sbin"))
                .Where(d => File.Exists(Path.Combine(d, "rabbitmq-server")))
                .OrderDescending(StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return packaged ?? throw new InvalidOperationException(
            $"RabbitMQ is not installed ({debian} is missing). Install rabbitmq-server (./test.sh does), "
            + $"set {BinariesVariable} to the folder of rabbitmq-server and rabbitmqctl, or set {UriVariable} to an existing broker.");
    }
}
