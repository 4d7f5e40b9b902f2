namespace Payments.ServiceDefaults.Warmup;

/// <summary>
/// Work a service does once after it started and before it reports ready, so that its first real request is as fast
/// as its hundredth: the code path is compiled, connections are open, caches and models are built. Register with
/// <see cref="StartupWarmupRegistration.AddStartupWarmup{TWarmup}"/>; <c>/health/ready</c> answers 503 until every
/// warm-up succeeded or gave up (<see cref="StartupWarmupService"/>).
/// </summary>
public interface IStartupWarmup
{
    /// <summary>Names the warm-up in the readiness answer and the log.</summary>
    string Name { get; }

    /// <summary>One attempt; throws when it did not work (it is tried again), observes the token (one attempt's limit).</summary>
    Task WarmAsync(CancellationToken cancellationToken);
}
