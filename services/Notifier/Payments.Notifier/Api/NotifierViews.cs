using Payments.Notifier.Persistence;

namespace Payments.Notifier.Api;

/// <summary>A configured endpoint and how it is doing (<c>GET /notifier/endpoints</c>). Secrets are never shown.</summary>
internal sealed record EndpointView
{
    public required string Name { get; init; }

    /// <summary>Scheme, host and path only: a query string may carry a token.</summary>
    public required string Url { get; init; }

    public required IReadOnlyList<string> Events { get; init; }
    public required IReadOnlyList<string> Accounts { get; init; }
    public required IReadOnlyList<string> Environments { get; init; }
    public required int MaxConcurrency { get; init; }

    /// <summary><c>healthy</c> (last attempt succeeded), <c>failing</c>, <c>disabled</c> (after a 410) or <c>idle</c> (never called).</summary>
    public required string Health { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }
    public string? DisabledReason { get; init; }
    public required int Pending { get; init; }
    public required int Succeeded { get; init; }
    public required int Failed { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public string? LastOutcome { get; init; }
    public int? LastStatusCode { get; init; }
}

/// <summary>One delivery with its attempts and the answers.</summary>
internal sealed record DeliveryView
{
    public required string WebhookId { get; init; }
    public required string Endpoint { get; init; }
    public required string EventType { get; init; }
    public required Guid EventId { get; init; }
    public Guid? OrderId { get; init; }
    public string? UserId { get; init; }
    public string? Account { get; init; }
    public string? Environment { get; init; }

    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the next attempt is due, while pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The body as sent (its bytes are what the signature covers).</summary>
    public required string Payload { get; init; }

    public required IReadOnlyList<AttemptView> Attempts { get; init; }

    public static DeliveryView From(WebhookDelivery delivery, IEnumerable<DeliveryAttempt> attempts) => new()
    {
        WebhookId = delivery.WebhookId,
        Endpoint = delivery.Endpoint,
        EventType = delivery.EventType,
        EventId = delivery.EventId,
        OrderId = delivery.OrderId,
        UserId = delivery.UserId,
        Account = delivery.Account,
        Environment = delivery.Environment,
        Status = delivery.Status,
        CreatedAt = delivery.CreatedAt,
        NextAttemptAt = delivery.Status == DeliveryStatus.Pending ? DateTimeOffset.FromUnixTimeMilliseconds(delivery.DueAt) : null,
        CompletedAt = delivery.CompletedAt,
        Payload = delivery.Payload,
        Attempts = attempts.OrderBy(a => a.Number).Select(AttemptView.From).ToList(),
    };
}

internal sealed record AttemptView
{
    public required int Number { get; init; }
    public required DateTimeOffset At { get; init; }
    public required int DurationMs { get; init; }
    public int? StatusCode { get; init; }

    /// <summary><c>succeeded</c>, <c>rejected</c>, <c>gone</c>, <c>timeout</c>, <c>unreachable</c> or <c>refused</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The start of the game server's answer (up to <c>Notifier:ResponseBodyLimit</c> bytes).</summary>
    public string? Response { get; init; }

    public string? Error { get; init; }

    public static AttemptView From(DeliveryAttempt attempt) => new()
    {
        Number = attempt.Number,
        At = attempt.At,
        DurationMs = attempt.DurationMs,
        StatusCode = attempt.StatusCode,
        Outcome = attempt.Outcome,
        Response = attempt.Response,
        Error = attempt.Error,
    };
}

internal sealed record DeliveryListView
{
    public required IReadOnlyList<DeliveryView> Deliveries { get; init; }
}
