namespace Payments.Notifier.Persistence;

/// <summary>
/// One event on its way to one endpoint. The row exists before the first attempt and is never deleted: it is how a
/// restart, a crash or a database outage loses nothing, and how the API answers "did the game server get it?".
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    /// <summary>The <c>webhook-id</c> header: <c>msg_</c> and a name-based UUID of (event, endpoint), the same on every attempt. Unique.</summary>
    public string WebhookId { get; set; } = "";

    /// <summary>The MessageId of the event that caused it (unique with <see cref="Endpoint"/>).</summary>
    public Guid EventId { get; set; }

    public string Endpoint { get; set; } = "";

    /// <summary>The body's <c>type</c>, e.g. <c>entitlement.granted</c>.</summary>
    public string EventType { get; set; } = "";

    public Guid? OrderId { get; set; }
    public string? UserId { get; set; }
    public string? Account { get; set; }
    public string? Environment { get; set; }

    /// <summary>The exact body every attempt sends (the signature covers these bytes).</summary>
    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><see cref="DeliveryStatus"/>: pending until a 2xx (succeeded) or the last attempt of the schedule (failed).</summary>
    public string Status { get; set; } = DeliveryStatus.Pending;

    /// <summary>Attempts made in all.</summary>
    public int Attempts { get; set; }

    /// <summary>Attempts made in the current run of the schedule (a retry by API starts a new run).</summary>
    public int ScheduleStep { get; set; }

    /// <summary>When the next attempt is due, in Unix milliseconds (comparable on every database, SQLite included).</summary>
    public long DueAt { get; set; }

    /// <summary>Until when (Unix milliseconds) a replica holds the delivery for an attempt in flight; null when none does.</summary>
    public long? LeaseUntil { get; set; }

    /// <summary>
    /// Which claim holds the lease: a new value per claim. An attempt is recorded against the delivery only while its
    /// claim still holds it (a concurrency token); the answer of a claim that lost its lease is history only.
    /// </summary>
    public Guid? LeaseToken { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastOutcome { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public List<DeliveryAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One HTTP attempt of a delivery and what the game server answered.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }

    /// <summary>The delivery's endpoint, so an endpoint's health reads its latest attempt by index.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>1 for the first attempt of the delivery, counting across retries by API.</summary>
    public int Number { get; set; }

    public DateTimeOffset At { get; set; }
    public int DurationMs { get; set; }

    /// <summary>The HTTP status, when the game server answered at all.</summary>
    public int? StatusCode { get; set; }

    /// <summary><see cref="AttemptOutcome"/>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The start of the answer's body, up to <c>Notifier:ResponseBodyLimit</c> bytes (for the operator; never logged).</summary>
    public string? Response { get; set; }

    /// <summary>Why no answer counted: timeout, connection refused, address refused by policy, redirect.</summary>
    public string? Error { get; set; }
}

/// <summary>A configured endpoint's state that outlives a restart: disabled after a 410 until an operator enables it.</summary>
public sealed class EndpointState
{
    public string Name { get; set; } = "";
    public bool Disabled { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public static class AttemptOutcome
{
    /// <summary>A 2xx within the timeout.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Any other HTTP status, redirects included (they are not followed).</summary>
    public const string Rejected = "rejected";

    /// <summary>410 Gone: the endpoint is disabled.</summary>
    public const string Gone = "gone";

    /// <summary>No answer within <c>Notifier:Timeout</c>.</summary>
    public const string Timeout = "timeout";

    /// <summary>No HTTP answer at all: DNS, connection, TLS.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The endpoint resolved only to addresses the outbound policy refuses.</summary>
    public const string Refused = "refused";
}
