using Payments.Scenarios.Providers;
using Payments.Testing;

namespace Payments.Scenarios.Running;

/// <summary>How many processes of each service, and which broker: the fixture's node or a cluster.</summary>
public sealed record SystemShape
{
    /// <summary>Processes of every service, Ingress included (competing consumers on the same queues).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>A RabbitMQ cluster to run on instead of the fixture's node: quorum queues, every node given to every process.</summary>
    public RabbitMqCluster? Cluster { get; init; }

    /// <summary>
    /// Also run the Notifier (one process, <see cref="DistributedSystem.Notifier"/>) with these settings besides the
    /// common ones, as environment variables: its endpoints (<see cref="NotifierSettings.Endpoint"/>), timeout, retry
    /// delays. Null: no Notifier.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Notifier { get; init; }

    public static SystemShape OneOfEach { get; } = new();
}

/// <summary>
/// The four services as separate OS processes over the fixture's RabbitMQ (or a <see cref="RabbitMqCluster"/>) and
/// PostgreSQL, each on its own loopback port, configured only through environment variables as in a deployment;
/// <see cref="SystemShape.Replicas"/> processes of each. With <see cref="SystemShape.Notifier"/> settings, one
/// Notifier process besides (<see cref="Notifier"/>), outside <see cref="Processes"/> so that the indices of the four
/// services stay what fault targets and tests compute.
/// </summary>
public sealed class DistributedSystem : IAsyncDisposable
{
    public const string Account = "game";
    public static readonly byte[] RuStoreKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    /// <summary>Every provider's secrets for <see cref="Account"/> (RuStore with <see cref="RuStoreKey"/> and a sandbox key, Xsolla, RoboKassa).</summary>
    public static readonly ProviderSecrets Secrets = ProviderSecrets.ForTests(Account, RuStoreKey);

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<(string Host, Dictionary<string, string> Environment, string Url)> _starts = [];

    /// <summary>The hosts, in the order of <see cref="Processes"/> (each repeated <see cref="Replicas"/> times).</summary>
    public static readonly string[] Hosts = ["Payments.Ingress.Host", "Payments.Normalizer.Host", "Payments.Orders.Host", "Payments.Entitlements.Host"];

    /// <summary>The Notifier's host, started only with <see cref="SystemShape.Notifier"/>; not one of <see cref="Hosts"/>.</summary>
    public const string NotifierHost = "Payments.Notifier.Host";

    private readonly BrokerAccess _broker;
    private (Dictionary<string, string> Environment, string Url)? _notifierStart;

    private DistributedSystem(int replicas, BrokerAccess broker)
    {
        Replicas = replicas;
        _broker = broker;
    }

    public int Replicas { get; }

    /// <summary>The first process of each service.</summary>
    public ServiceProcess Ingress => _processes[0];
    public ServiceProcess Normalizer => _processes[Replicas];
    public ServiceProcess Orders => _processes[2 * Replicas];
    public ServiceProcess Entitlements => _processes[3 * Replicas];

    /// <summary>Every process: the Ingress replicas, then Normalizer's, Orders', Entitlements'. Never the Notifier.</summary>
    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>The Notifier process, when the shape asked for one (<see cref="SystemShape.Notifier"/>); else null.</summary>
    public ServiceProcess? Notifier { get; private set; }

    /// <summary><see cref="Processes"/> and the <see cref="Notifier"/>, if any: what has to be ready, and whose output a failure shows.</summary>
    public IReadOnlyList<ServiceProcess> AllProcesses => Notifier is { } notifier ? [.. _processes, notifier] : _processes;

    /// <summary>The index in <see cref="Processes"/> of <paramref name="replica"/> of the service at <paramref name="service"/> (0 Ingress … 3 Entitlements).</summary>
    public int IndexOf(int service, int replica) => (service * Replicas) + replica;

    /// <summary>The replicas of the service at <paramref name="service"/> (0 Ingress … 3 Entitlements).</summary>
    public IReadOnlyList<ServiceProcess> ReplicasOf(int service) => _processes.GetRange(service * Replicas, Replicas);

    /// <summary>Where the system answers, with every Ingress and Orders replica for the load to spread over.</summary>
    public SystemEndpoints Endpoints => new(new Uri(Ingress.Url), new Uri(Orders.Url), new Uri(Entitlements.Url))
    {
        IngressReplicas = [.. ReplicasOf(0).Select(p => new Uri(p.Url))],
        OrdersReplicas = [.. ReplicasOf(2).Select(p => new Uri(p.Url))],
    };

    /// <summary>The environment every process got (broker, connection strings, secrets, extra settings).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>Starts the process at <paramref name="index"/> of <see cref="Processes"/> again after a kill, same settings and URL; waits until ready.</summary>
    public async Task RestartAsync(int index, TimeSpan? timeout = null)
    {
        var (name, environment, url) = _starts[index];
        await _processes[index].DisposeAsync();
        _processes[index] = ServiceProcess.Start(name, ServiceProcess.HostDll(Hosts[index / Replicas]), environment, url);
        await _processes[index].WaitUntilHealthyAsync(timeout: timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Starts the <see cref="Notifier"/> again after a kill, same settings, database and URL; waits until ready.</summary>
    public async Task RestartNotifierAsync(TimeSpan? timeout = null)
    {
        var (environment, url) = _notifierStart ?? throw new InvalidOperationException("This system runs no Notifier (SystemShape.Notifier).");
        await Notifier!.DisposeAsync();
        Notifier = ServiceProcess.Start(NotifierHost, ServiceProcess.HostDll(NotifierHost), environment, url);
        await Notifier.WaitUntilHealthyAsync(timeout: timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <param name="settings">Extra environment variables for every process (e.g. log levels); they win over the defaults.</param>
    /// <param name="shape">Replicas and broker; one process of each on the fixture's node by default.</param>
    public static async Task<DistributedSystem> StartAsync(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? settings = null, SystemShape? shape = null)
    {
        shape ??= SystemShape.OneOfEach;
        ArgumentOutOfRangeException.ThrowIfLessThan(shape.Replicas, 1);

        // A virtual host per test run would need management rights; a unique queue prefix is not needed either:
        // each system gets its own node-wide endpoints, and tests run one system at a time.
        var common = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Bus__Transport"] = "RabbitMq",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Orders"] = await infrastructure.Postgres.CreateDatabaseAsync("orders"),
            ["ConnectionStrings__Entitlements"] = await infrastructure.Postgres.CreateDatabaseAsync("entitlements"),
            [$"Providers__RuStore__Accounts__{Account}__Keys__0"] = Convert.ToBase64String(RuStoreKey),
        };
        foreach (var (key, value) in Secrets.HostEnvironment().Concat(ApiCredentials.Tests.EnvironmentVariables).Concat(settings ?? new Dictionary<string, string>()))
        {
            common[key] = value;
        }

        var system = new DistributedSystem(shape.Replicas, BrokerAccess.Of(infrastructure, shape)) { Settings = common };
        if (shape.Notifier is not null)
        {
            // The Notifier's database is new, the broker is not: a Notifier queue left by an earlier system on the same
            // broker still holds that system's events, and is still bound to the outcomes' exchanges, collecting every
            // later system's. Deleted before anything of this system publishes; the Notifier declares it afresh.
            await system._broker.DeleteQueueAsync(NotifierSettings.Queue);
        }

        var ports = FreePort.GetMany((Hosts.Length * shape.Replicas) + (shape.Notifier is null ? 0 : 1));
        for (var i = 0; i < Hosts.Length; i++)
        {
            for (var replica = 0; replica < shape.Replicas; replica++)
            {
                var index = system.IndexOf(i, replica);
                var environment = new Dictionary<string, string>(common) { ["OTEL_SERVICE_NAME"] = Hosts[i] };
                foreach (var (key, value) in BrokerSettings(infrastructure, shape, index))
                {
                    environment.TryAdd(key, value);
                }

                var name = shape.Replicas == 1 ? Hosts[i] : $"{Hosts[i]}#{replica + 1}";
                var url = $"http://127.0.0.1:{ports[index]}";
                system._starts.Add((name, environment, url));
                system._processes.Add(ServiceProcess.Start(name, ServiceProcess.HostDll(Hosts[i]), environment, url));
            }
        }

        try
        {
            if (shape.Notifier is { } notifierSettings)
            {
                await system.StartNotifierAsync(infrastructure, shape, common, notifierSettings, ports[^1]);
            }

            await Task.WhenAll(system.AllProcesses.Select(p => p.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90))));
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    /// <summary>
    /// The Notifier: its own new database, the broker settings of the process after the last of <see cref="Processes"/>
    /// (so that on a cluster it connects first to the next node in turn), loopback endpoints allowed (the tests' game
    /// servers are <c>WebhookReceiver</c>s on 127.0.0.1), then the shape's settings, which win.
    /// </summary>
    private async Task StartNotifierAsync(
        InfrastructureFixture infrastructure, SystemShape shape, Dictionary<string, string> common, IReadOnlyDictionary<string, string> settings, int port)
    {
        var environment = new Dictionary<string, string>(common)
        {
            ["OTEL_SERVICE_NAME"] = NotifierHost,
            ["ConnectionStrings__Notifier"] = await infrastructure.Postgres.CreateDatabaseAsync("notifier"),
            ["Notifier__AllowLoopback"] = "true",
        };
        foreach (var (key, value) in BrokerSettings(infrastructure, shape, Hosts.Length * shape.Replicas))
        {
            environment.TryAdd(key, value);
        }

        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var url = $"http://127.0.0.1:{port}";
        _notifierStart = (environment, url);
        Notifier = ServiceProcess.Start(NotifierHost, ServiceProcess.HostDll(NotifierHost), environment, url);
    }

    /// <summary>
    /// The broker settings of the process at <paramref name="index"/>: the fixture's node, or every cluster node with
    /// quorum queues, the list rotated per process so that the processes' first connections spread over the nodes.
    /// </summary>
    private static Dictionary<string, string> BrokerSettings(InfrastructureFixture infrastructure, SystemShape shape, int index)
    {
        if (shape.Cluster is not { } cluster)
        {
            var broker = infrastructure.RabbitMq;
            return new Dictionary<string, string>
            {
                ["Bus__RabbitMq__Host"] = broker.Host,
                ["Bus__RabbitMq__Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Bus__RabbitMq__VirtualHost"] = broker.VirtualHost,
                ["Bus__RabbitMq__Username"] = broker.Username,
                ["Bus__RabbitMq__Password"] = broker.Password,
            };
        }

        var nodes = cluster.ClusterNodes;
        var settings = new Dictionary<string, string>
        {
            ["Bus__RabbitMq__Host"] = cluster.Nodes[index % nodes.Count].Host,
            ["Bus__RabbitMq__Port"] = cluster.Nodes[index % nodes.Count].Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = cluster.VirtualHost,
            ["Bus__RabbitMq__Username"] = cluster.Username,
            ["Bus__RabbitMq__Password"] = cluster.Password,
            ["Bus__RabbitMq__QuorumQueues"] = "true",
        };
        for (var n = 0; n < nodes.Count; n++)
        {
            settings[$"Bus__RabbitMq__ClusterNodes__{n}"] = nodes[(index + n) % nodes.Count];
        }

        return settings;
    }

    /// <summary>Everything the processes wrote, for the message of a failing assertion.</summary>
    public string Output() => string.Join("\n\n", AllProcesses.Select(p => $"=== {p.Name} ===\n{p.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in AllProcesses)
        {
            await process.DisposeAsync();
        }

        if (Notifier is not null)
        {
            // No queue is left bound to the outcomes' exchanges to collect the events of later tests that run no Notifier.
            await _broker.TryDeleteQueueAsync(NotifierSettings.Queue);
        }
    }
}
