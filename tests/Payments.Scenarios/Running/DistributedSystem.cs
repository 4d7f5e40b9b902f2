using Payments.Scenarios.Providers;
using Payments.Testing;

namespace Payments.Scenarios.Running;

/// <summary>
/// The four services as separate OS processes over the fixture's RabbitMQ and PostgreSQL, each on its own
/// loopback port, configured only through environment variables as in a deployment.
/// </summary>
public sealed class DistributedSystem : IAsyncDisposable
{
    public const string Account = "game";
    public static readonly byte[] RuStoreKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    /// <summary>Every provider's secrets for <see cref="Account"/> (RuStore with <see cref="RuStoreKey"/> and a sandbox key, Xsolla, RoboKassa).</summary>
    public static readonly ProviderSecrets Secrets = ProviderSecrets.ForTests(Account, RuStoreKey);

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<(string Host, Dictionary<string, string> Environment, string Url)> _starts = [];

    private DistributedSystem()
    {
    }

    public ServiceProcess Ingress => _processes[0];
    public ServiceProcess Normalizer => _processes[1];
    public ServiceProcess Orders => _processes[2];
    public ServiceProcess Entitlements => _processes[3];

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>The environment every process got (broker, connection strings, secrets, extra settings).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>Starts the process at <paramref name="index"/> (0 Ingress … 3 Entitlements) again after a kill, same settings and URL; waits until ready.</summary>
    public async Task RestartAsync(int index, TimeSpan? timeout = null)
    {
        var (host, environment, url) = _starts[index];
        await _processes[index].DisposeAsync();
        _processes[index] = ServiceProcess.Start(host, ServiceProcess.HostDll(host), environment, url);
        await _processes[index].WaitUntilHealthyAsync(timeout: timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <param name="settings">Extra environment variables for every process (e.g. log levels); they win over the defaults.</param>
    public static async Task<DistributedSystem> StartAsync(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? settings = null)
    {
        var broker = infrastructure.RabbitMq;
        // A virtual host per test run would need management rights; a unique queue prefix is not needed either:
        // each system gets its own node-wide endpoints, and tests run one system at a time.
        var common = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = broker.Host,
            ["Bus__RabbitMq__Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = broker.VirtualHost,
            ["Bus__RabbitMq__Username"] = broker.Username,
            ["Bus__RabbitMq__Password"] = broker.Password,
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Orders"] = await infrastructure.Postgres.CreateDatabaseAsync("orders"),
            ["ConnectionStrings__Entitlements"] = await infrastructure.Postgres.CreateDatabaseAsync("entitlements"),
            [$"Providers__RuStore__Accounts__{Account}__Keys__0"] = Convert.ToBase64String(RuStoreKey),
        };
        foreach (var (key, value) in Secrets.HostEnvironment().Concat(ApiCredentials.Tests.EnvironmentVariables).Concat(settings ?? new Dictionary<string, string>()))
        {
            common[key] = value;
        }

        var system = new DistributedSystem { Settings = common };
        var ports = FreePort.GetMany(4);
        string[] hosts = ["Payments.Ingress.Host", "Payments.Normalizer.Host", "Payments.Orders.Host", "Payments.Entitlements.Host"];
        for (var i = 0; i < hosts.Length; i++)
        {
            var environment = new Dictionary<string, string>(common) { ["OTEL_SERVICE_NAME"] = hosts[i] };
            system._starts.Add((hosts[i], environment, $"http://127.0.0.1:{ports[i]}"));
            system._processes.Add(ServiceProcess.Start(hosts[i], ServiceProcess.HostDll(hosts[i]), environment, $"http://127.0.0.1:{ports[i]}"));
        }

        try
        {
            await Task.WhenAll(system._processes.Select(p => p.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90))));
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    /// <summary>Everything the processes wrote, for the message of a failing assertion.</summary>
    public string Output() => string.Join("\n\n", _processes.Select(p => $"=== {p.Name} ===\n{p.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
