using System.Globalization;
using Payments.Scenarios.Faults;
using Payments.Scenarios.Generation;
using Payments.Scenarios.Running;
using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.IntegrationTests;

/// <summary>A three-node RabbitMQ cluster for the tests of one class; started once, deleted at the end.</summary>
public sealed class BrokerClusterFixture : IAsyncLifetime
{
    private RabbitMqCluster? _cluster;

    public RabbitMqCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _cluster = await RabbitMqCluster.StartAsync(3, patience.Token);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>
/// Scale-out: two processes of every service (Ingress included) on a three-node RabbitMQ cluster with quorum
/// queues, over the shared PostgreSQL. Competing consumers take the same queues; what must happen once per order
/// rests on the saga repository's row lock and the ledger's order lock, across processes. In the convergence run a
/// Notifier process delivers every grant and revocation to a game server once, whichever replica published it and
/// whichever node the Notifier's queue lives on. The long runs:
/// <c>dotnet run --project tools/Payments.Convergence -- --orders 10000 --replicas 2 --broker-nodes 3</c> and
/// <c>./bench.sh faults --orders 2000 --replicas 2 --broker-nodes 3</c>.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class ClusterTests(InfrastructureFixture infrastructure, BrokerClusterFixture broker, ITestOutputHelper output) : IClassFixture<BrokerClusterFixture>
{
    private const int Replicas = 2;

    private static readonly Dictionary<string, string> QuietLogs = new()
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
    };

    [Fact]
    public async Task Two_replicas_of_every_service_on_three_broker_nodes_converge_to_exactly_the_expected_entitlements()
    {
        var seed = Random.Shared.Next();
        var replay = $"seed {seed} (replay: dotnet run --project tools/Payments.Convergence -- --orders 300 --seed {seed} --replicas {Replicas} --broker-nodes 3)";
        output.WriteLine(replay);
        var scenario = ScenarioGenerator.Generate(seed, new ScenarioOptions { Orders = 300 }, DistributedSystem.Secrets);

        await using var receiver = await WebhookReceiver.StartAsync();
        var shape = new SystemShape
        {
            Replicas = Replicas,
            Cluster = broker.Cluster,
            Notifier = NotifierSettings.Endpoint(receiver, ConvergencePropertyTests.GameServer, WebhookKey.Granted, WebhookKey.Revoked),
        };
        await using var tap = await EntitlementEventTap.StartAsync(BrokerAccess.Of(infrastructure, shape));
        await using var system = await DistributedSystem.StartAsync(infrastructure, QuietLogs, shape);
        Assert.Equal(4 * Replicas, system.Processes.Select(p => p.ProcessId).Distinct().Count());
        using var runner = new ConvergenceRunner(system.Endpoints, new RunnerOptions
        {
            Concurrency = 32,
            StallTimeout = TimeSpan.FromSeconds(90),
            QuiescenceTimeout = TimeSpan.FromMinutes(6),
            Log = Log,
        });

        var cpuBefore = system.Processes.Select(CpuTime).ToList();
        var report = await runner.RunAsync(scenario);
        var cpuUsed = system.Processes.Select((p, i) => CpuTime(p) - cpuBefore[i]).ToList();
        output.WriteLine(report.ToTable());
        output.WriteLine(string.Join(", ", system.Processes.Select((p, i) => $"{p.Name} {cpuUsed[i].TotalSeconds:0.0} s CPU")));
        var failure = $"{replay}\n{report.ToTable()}\n{report.Details()}";
        if (!report.Passed)
        {
            output.WriteLine(system.Output());
        }

        ConvergencePropertyTests.AssertExactlyTheExpectedEntitlements(report, failure);
        await ConvergencePropertyTests.AssertEveryGrantAndRevocationReachedTheGameServerOnceAsync(system, receiver, tap, scenario, Log, replay);

        // Every replica took work during the run: the consumers compete for the queues and the load generator spread
        // its requests, so no process stands idle behind its twin. (An idle process uses a few hundredths of a second.)
        for (var i = 0; i < system.Processes.Count; i++)
        {
            Assert.True(cpuUsed[i] > TimeSpan.FromSeconds(0.5), $"{system.Processes[i].Name} used {cpuUsed[i].TotalSeconds:0.00} s of CPU during the run: it took no share of the load");
        }
    }

    [Fact]
    public async Task With_the_busiest_broker_node_stopped_a_replica_of_each_service_killed_a_database_outage_and_a_hot_order_nothing_is_lost_or_duplicated()
    {
        await using var system = await DistributedSystem.StartAsync(infrastructure, QuietLogs, new SystemShape { Replicas = Replicas, Cluster = broker.Cluster });
        FaultReport report;
        try
        {
            using var runner = new FaultRunner(new DistributedFaultTarget(infrastructure, system, broker.Cluster), DistributedSystem.Secrets, new FaultOptions
            {
                Orders = 120,
                Seed = 20261207,
                Concurrency = 12,
                Storms = 5,
                LoadDuration = TimeSpan.FromSeconds(40),
                HotOrder = true,
                Log = Log,
            });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            report = await runner.RunAsync(timeout.Token);
        }
        finally
        {
            // Whatever happened, every node and the shared database must be up for the next test.
            foreach (var node in broker.Cluster.Nodes)
            {
                await node.StartAgainAsync();
            }

            await infrastructure.Postgres.StartAgainAsync();
        }

        output.WriteLine(report.ToTable());
        Assert.True(report.Passed, $"{report.ToTable()}\n{report.Details()}\n{system.Output()}");
        Assert.Contains(report.Faults, fault => fault.StartsWith("broker stopped and restarted (node ", StringComparison.Ordinal));
        Assert.Equal(6, report.Faults.Count);
        Assert.NotNull(report.HotOrder);
    }

    private static TimeSpan CpuTime(ServiceProcess process)
    {
        using var running = System.Diagnostics.Process.GetProcessById(process.ProcessId);
        return running.TotalProcessorTime;
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));
        }
        catch (InvalidOperationException)
        {
            // After the test ended (a late timer tick).
        }
    }
}
