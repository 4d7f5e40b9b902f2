using Payments.Scenarios.Faults;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.Scenarios.Running;

/// <summary>
/// A <see cref="DistributedSystem"/> and its fixture's broker and database, as a fault suite breaks them:
/// stop and start RabbitMQ and PostgreSQL, SIGKILL and restart Normalizer, Orders and Entitlements.
/// Also compiled into tools/Payments.Bench (the long fault run).
/// </summary>
public sealed class DistributedFaultTarget(InfrastructureFixture infrastructure, DistributedSystem system) : IFaultTarget
{
    public SystemEndpoints Endpoints { get; } =
        new(new Uri(system.Ingress.Url), new Uri(system.Orders.Url), new Uri(system.Entitlements.Url));

    public Task StopBrokerAsync() => infrastructure.RabbitMq.StopAsync();

    public Task StartBrokerAsync() => infrastructure.RabbitMq.StartAgainAsync();

    public Task StopDatabaseAsync() => infrastructure.Postgres.StopAsync();

    public Task StartDatabaseAsync() => infrastructure.Postgres.StartAgainAsync();

    public void Kill(FaultService service) => system.Processes[Index(service)].Kill();

    public Task RestartAsync(FaultService service) => system.RestartAsync(Index(service), TimeSpan.FromSeconds(120));

    public async Task WaitUntilReadyAsync(TimeSpan timeout) =>
        await Task.WhenAll(system.Processes.Select(p => p.WaitUntilHealthyAsync(timeout: timeout)));

    public string Output() => system.Output();

    private static int Index(FaultService service) => service switch
    {
        FaultService.Normalizer => 1,
        FaultService.Orders => 2,
        FaultService.Entitlements => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}
