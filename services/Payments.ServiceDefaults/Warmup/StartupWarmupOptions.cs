namespace Payments.ServiceDefaults.Warmup;

/// <summary>Bound from <c>Warmup</c>: how long the start-up warm-ups may hold readiness back.</summary>
public sealed class StartupWarmupOptions
{
    public const string SectionName = "Warmup";

    /// <summary>
    /// After this, a warm-up that has not worked yet is given up and the service reports ready without it (logged as
    /// a warning): a warm-up that needs another service must not keep this one out of traffic for good while that
    /// one is down. Its real requests then take the cold path, and fail as they would have anyway.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The limit of one attempt; a cold first attempt may take seconds on a loaded machine.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The pause between attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Marked messages of each kind a service's pipeline rehearsal sends itself per round (three rounds) before
    /// readiness (<see cref="PipelineRehearsal"/>); 0 turns it off. Above the runtime's 30 calls before a method is
    /// recompiled optimized.
    /// </summary>
    public int Rehearsals { get; set; } = 32;
}
