using Payments.Scenarios.Running;

namespace Payments.Scenarios.Faults;

/// <summary>The consumer services a fault run kills and restarts.</summary>
public enum FaultService
{
    Normalizer,
    Orders,
    Entitlements,
}

/// <summary>A running system (real processes, broker and database) that a <see cref="FaultRunner"/> can break and mend.</summary>
public interface IFaultTarget
{
    SystemEndpoints Endpoints { get; }

    Task StopBrokerAsync();

    /// <summary>Starts the broker again; returns once it accepts connections.</summary>
    Task StartBrokerAsync();

    Task StopDatabaseAsync();

    Task StartDatabaseAsync();

    /// <summary>SIGKILL, no graceful shutdown.</summary>
    void Kill(FaultService service);

    /// <summary>Starts the killed service again with its settings; returns once it is ready.</summary>
    Task RestartAsync(FaultService service);

    /// <summary>Returns once every service answers <c>/health/ready</c>.</summary>
    Task WaitUntilReadyAsync(TimeSpan timeout);

    /// <summary>The services' recent output, for a failing report.</summary>
    string Output();
}
