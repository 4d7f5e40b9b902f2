namespace Payments.Notifier.Configuration;

/// <summary>The <c>type</c> of each delivery's body, and the names <c>Notifier:Endpoints:{name}:Events</c> lists.</summary>
public static class WebhookEventTypes
{
    /// <summary>A user received an item (<c>EntitlementGranted</c>).</summary>
    public const string EntitlementGranted = "entitlement.granted";

    /// <summary>A user's item was taken back (<c>EntitlementRevoked</c>).</summary>
    public const string EntitlementRevoked = "entitlement.revoked";

    /// <summary>An order moved from one status to another (<c>OrderStatusChanged</c>).</summary>
    public const string OrderStatusChanged = "order.status_changed";

    /// <summary>Sent on request through the API (<c>POST /notifier/endpoints/{name}/test</c>), to every endpoint's filter regardless.</summary>
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> Subscribable { get; } = [EntitlementGranted, EntitlementRevoked, OrderStatusChanged];
}
