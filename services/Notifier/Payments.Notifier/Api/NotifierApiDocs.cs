using Payments.Notifier.Configuration;
using Payments.Notifier.Persistence;

namespace Payments.Notifier.Api;

/// <summary>Answer of <c>GET /notifier/endpoints</c>.</summary>
internal sealed record EndpointListView(IReadOnlyList<EndpointView> Endpoints);

/// <summary>Answer of <c>POST /notifier/deliveries/{webhookId}/retry</c>: the delivery is pending again, same webhook-id.</summary>
internal sealed record RetryAccepted(string WebhookId, string Status);

/// <summary>Answer of <c>POST /notifier/endpoints/{name}/test</c>: the test event's delivery.</summary>
internal sealed record TestQueued(string WebhookId);

/// <summary>Answer of <c>POST /notifier/endpoints/{name}/enable</c>.</summary>
internal sealed record EndpointEnabled(string Name, string Health);

/// <summary>The examples of the Notifier API's OpenAPI document (README, HTTP interface).</summary>
internal static class NotifierApiExamples
{
    private const string WebhookId = "msg_2q3Xbq0yQk9m7Yx1Zr4T8a";
    private static readonly DateTimeOffset CreatedAt = new(2026, 12, 7, 10, 17, 1, TimeSpan.Zero);

    public static EndpointListView Endpoints { get; } = new(
    [
        new EndpointView
        {
            Name = "game-eu",
            Url = "https://game.example/hooks/payments",
            Events = [WebhookEventTypes.EntitlementGranted, WebhookEventTypes.EntitlementRevoked, WebhookEventTypes.OrderStatusChanged],
            Accounts = [],
            Environments = [],
            MaxConcurrency = 4,
            Health = "healthy",
            Pending = 0,
            Succeeded = 1280,
            Failed = 2,
            LastAttemptAt = CreatedAt.AddMilliseconds(85),
            LastOutcome = AttemptOutcome.Succeeded,
            LastStatusCode = 200,
        },
    ]);

    public static DeliveryView Delivery { get; } = new()
    {
        WebhookId = WebhookId,
        Endpoint = "game-eu",
        EventType = WebhookEventTypes.EntitlementGranted,
        EventId = Guid.Parse("9c41e7d2-3b6a-5f08-b2d4-51e8a0c7f6b2"),
        OrderId = Guid.Parse("6f1c2a8e-5b1d-5c3e-9a47-2d0e8b7f4c11"),
        UserId = "player-1",
        Account = "demo",
        Environment = "production",
        Status = DeliveryStatus.Succeeded,
        CreatedAt = CreatedAt,
        CompletedAt = CreatedAt.AddMilliseconds(85),
        Payload = """{"type":"entitlement.granted","timestamp":"2026-12-07T10:17:01Z","data":{"userId":"player-1","sku":"sword","quantity":1}}""",
        Attempts =
        [
            new AttemptView { Number = 1, At = CreatedAt.AddMilliseconds(20), DurationMs = 65, StatusCode = 200, Outcome = AttemptOutcome.Succeeded, Response = "ok" },
        ],
    };

    public static DeliveryListView Deliveries { get; } = new() { Deliveries = [Delivery] };

    public static RetryAccepted Retried { get; } = new(WebhookId, DeliveryStatus.Pending);

    public static TestQueued Test { get; } = new(WebhookId);

    public static EndpointEnabled Enabled { get; } = new("game-eu", "enabled");
}
