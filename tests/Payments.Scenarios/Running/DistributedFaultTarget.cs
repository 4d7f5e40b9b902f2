using Payments.Scenarios.Faults;
using Payments.Testing;

namespace Payments.Scenarios.Running;

/// <summary>
/// A <see cref="DistributedSystem"/> and its fixture's broker and database, as a fault suite breaks them: stop and
/// start RabbitMQ (with a cluster: the node that leads the most busy quorum queues) and PostgreSQL, SIGKILL and
/// restart Normalizer, Orders and Entitlements (with replicas: the first replica of each, Ingress's too).
/// Also compiled into tools/Payments.Bench (the long fault run).
/// </summary>
public sealed class DistributedFaultTarget(InfrastructureFixture infrastructure, DistributedSystem system, RabbitMqCluster? cluster = null) : IFaultTarget
{
    private RabbitMqBroker? _stoppedNode;

    public SystemEndpoints Endpoints { get; } = system.Endpoints;

    public IReadOnlyList<FaultService> Killable { get; } = system.Replicas > 1
        ? [FaultService.Orders, FaultService.Entitlements, FaultService.Normalizer, FaultService.Ingress]
        : [FaultService.Orders, FaultService.Entitlements, FaultService.Normalizer];

    public async Task<string> StopBrokerAsync()
    {
        if (cluster is null)
        {
            await infrastructure.RabbitMq.StopAsync();
            return "the only node";
        }

        // The node whose loss moves the most work: it leads the most quorum queues that hold messages right now.
        var queues = await cluster.QueuesAsync();
        var busy = queues.Where(q => q.Value > 0).Select(q => q.Key).ToList();
        var leaders = await cluster.QueueLeadersAsync();
        var node = cluster.BusiestLeader(leaders, messages: null, busy.Count > 0 ? busy : null);
        var led = leaders.Count(l => l.Value == node.NodeName);
        _stoppedNode = node;
        await node.StopAsync();
        return $"node {node.NodeName}, leader of {led} of {leaders.Count} quorum queues, {busy.Count} of them holding messages";
    }

    public Task StartBrokerAsync() => _stoppedNode is { } node ? node.StartAgainAsync() : infrastructure.RabbitMq.StartAgainAsync();

    public Task StopDatabaseAsync() => infrastructure.Postgres.StopAsync();

    public Task StartDatabaseAsync() => infrastructure.Postgres.StartAgainAsync();

    public string Describe(FaultService service) => system.Replicas > 1 ? $"{service} replica 1 of {system.Replicas}" : service.ToString();

    public void Kill(FaultService service) => system.Processes[Index(service)].Kill();

    public Task RestartAsync(FaultService service) => system.RestartAsync(Index(service), TimeSpan.FromSeconds(180));

    // The Notifier too, when the system runs one: a fault step is over once everything that consumes is back.
    public async Task WaitUntilReadyAsync(TimeSpan timeout) =>
        await Task.WhenAll(system.AllProcesses.Select(p => p.WaitUntilHealthyAsync(timeout: timeout)));

    public string Output() => system.Output();

    private int Index(FaultService service) => system.IndexOf(
        service switch
        {
            FaultService.Ingress => 0,
            FaultService.Normalizer => 1,
            FaultService.Orders => 2,
            FaultService.Entitlements => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        },
        replica: 0);
}
