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

/// <summary>
/// A warm-up that may run again, and on several connections at once, without harm (a rehearsal that is rolled back).
/// After its first success the runner repeats it <see cref="StartupWarmupOptions.Repetitions"/> times on each of
/// <see cref="StartupWarmupOptions.Connections"/> lanes at once, before readiness: the connection pool then holds that
/// many open connections, the database has warm server processes with the statements prepared on each (Npgsql prepares
/// a statement at its fifth use), and the code path has run often enough for the JIT to optimize it. Each call creates
/// its own scope (its own DbContext, so its own pooled connection).
/// </summary>
public interface IRepeatableWarmup : IStartupWarmup
{
    /// <summary>False where lanes cannot help (SQLite: one writer at a time, no server processes).</summary>
    bool RunsOnSeveralConnections { get; }
}
