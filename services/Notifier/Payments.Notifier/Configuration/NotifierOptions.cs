namespace Payments.Notifier.Configuration;

/// <summary>Bound from <c>Notifier</c>: where grants and revocations go, and how hard the Notifier tries.</summary>
public sealed class NotifierOptions
{
    public const string SectionName = "Notifier";

    /// <summary>
    /// The default schedule between attempts: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over about
    /// 27.6 hours, so a game server that is down for a day still receives everything.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>The game servers, by a name of the operator's choosing (it appears in the API and the logs).</summary>
    public Dictionary<string, NotifierEndpointOptions> Endpoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Delays between attempts; after the last one the delivery is marked failed. Empty means the default.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>Each delay is lengthened by a random share of itself up to this fraction (0–1), so retries spread out.</summary>
    public double RetryJitter { get; set; } = 0.1;

    /// <summary>How long a game server has to answer one attempt; no 2xx within it is a failed attempt. At most 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long beyond <see cref="Timeout"/> a replica keeps a claimed delivery to itself: its time to record the answer,
    /// also through a database outage. A replica that died mid-attempt holds its deliveries this long; an outage longer
    /// than this, with several replicas, may send a delivery that succeeded once more (same webhook-id).
    /// </summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Plain http to loopback addresses (a developer's game server). Off except in the standalone host.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Endpoints that resolve to private, link-local or otherwise internal addresses. Off: no requests into the cluster.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How often every replica looks for deliveries that came due (a new delivery wakes its own replica at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many bytes of a game server's answer are read and kept with the attempt (never logged).</summary>
    public int ResponseBodyLimit { get; set; } = 1024;

    /// <summary>How many deliveries the process sends at once, over every endpoint.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 64;

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count == 0 ? DefaultRetryDelays : RetryDelays;
}

/// <summary>One game server: <c>Notifier:Endpoints:{name}</c>.</summary>
public sealed class NotifierEndpointOptions
{
    /// <summary>Where deliveries are POSTed: https, or http to loopback with <c>Notifier:AllowLoopback</c>.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Signing secrets, <c>whsec_</c> followed by Base64 (24–64 random bytes). The first signs; every listed secret
    /// also signs, so a game server that knows only the new or only the old one verifies during a rotation.
    /// </summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Event types sent to this endpoint (<see cref="WebhookEventTypes"/>); empty means all.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Provider accounts whose events are sent; empty means all.</summary>
    public List<string> Accounts { get; set; } = [];

    /// <summary><c>production</c> and/or <c>sandbox</c>; empty means both.</summary>
    public List<string> Environments { get; set; } = [];

    /// <summary>Deliveries in flight to this endpoint at once, so one slow game server never holds up another.</summary>
    public int MaxConcurrency { get; set; } = 4;

    public bool Accepts(string eventType, string? account, string? environment) =>
        (Events.Count == 0 || Events.Contains(eventType, StringComparer.Ordinal))
        && (account is null || Accounts.Count == 0 || Accounts.Contains(account, StringComparer.Ordinal))
        && (environment is null || Environments.Count == 0 || Environments.Contains(environment, StringComparer.Ordinal));
}
