using Payments.Scenarios.Running;

namespace Payments.Scenarios.Faults;

/// <summary>The services a fault run kills and restarts.</summary>
public enum FaultService
{
    Ingress,
    Normalizer,
    Orders,
    Entitlements,
}

/// <summary>A running system (real processes, broker and database) that a <see cref="FaultRunner"/> can break and mend.</summary>
public interface IFaultTarget
{
    SystemEndpoints Endpoints { get; }

    /// <summary>Stops the broker, or with a cluster the node that leads the most busy queues; returns what it stopped.</summary>
    Task<string> StopBrokerAsync();

    /// <summary>Starts the broker again; returns once it accepts connections.</summary>
    Task StartBrokerAsync();

    Task StopDatabaseAsync();

    Task StartDatabaseAsync();

    /// <summary>The services killed one after the other, in that order.</summary>
    IReadOnlyList<FaultService> Killable { get; }

    /// <summary>What <see cref="Kill"/> kills, e.g. <c>Orders</c> or <c>Orders replica 1 of 2</c>.</summary>
    string Describe(FaultService service);

    /// <summary>SIGKILL, no graceful shutdown (of one replica when there are several).</summary>
    void Kill(FaultService service);

    /// <summary>Starts the killed service again with its settings; returns once it is ready.</summary>
    Task RestartAsync(FaultService service);

    /// <summary>Returns once every service answers <c>/health/ready</c>.</summary>
    Task WaitUntilReadyAsync(TimeSpan timeout);

    /// <summary>The services' recent output, for a failing report.</summary>
    string Output();
}
