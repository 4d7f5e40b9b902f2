using System.Text.Json;
using System.Text.Json.Serialization;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;
using Payments.Notifier.Configuration;

namespace Payments.Notifier.Capture;

/// <summary>
/// What a game server receives: <c>{"type", "timestamp", "data"}</c> (README "Webhooks to game servers"), with the
/// keys a delivery is filtered and looked up by.
/// </summary>
internal sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, object Data, Guid? OrderId, string? UserId, string? Account, string? Environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Body() =>
        JsonSerializer.Serialize(new { type = Type, timestamp = Timestamp.ToUniversalTime(), data = Data }, Json);

    public static WebhookEvent Of(EntitlementGranted grant) => new(
        WebhookEventTypes.EntitlementGranted,
        grant.GrantedAt,
        new
        {
            orderId = grant.OrderId,
            userId = grant.UserId,
            sku = grant.Sku,
            quantity = grant.Quantity,
            provider = grant.Provider,
            account = grant.Account,
            environment = grant.Environment,
            grantedAt = grant.GrantedAt.ToUniversalTime(),
        },
        grant.OrderId, grant.UserId, grant.Account, grant.Environment);

    public static WebhookEvent Of(EntitlementRevoked revocation) => new(
        WebhookEventTypes.EntitlementRevoked,
        revocation.RevokedAt,
        new
        {
            orderId = revocation.OrderId,
            userId = revocation.UserId,
            sku = revocation.Sku,
            quantity = revocation.Quantity,
            provider = revocation.Provider,
            account = revocation.Account,
            environment = revocation.Environment,
            reason = revocation.Reason,
            revokedAt = revocation.RevokedAt.ToUniversalTime(),
        },
        revocation.OrderId, revocation.UserId, revocation.Account, revocation.Environment);

    public static WebhookEvent Of(OrderStatusChanged change) => new(
        WebhookEventTypes.OrderStatusChanged,
        change.ChangedAt,
        new
        {
            orderId = change.OrderId,
            provider = change.Order.Provider,
            account = change.Order.Account,
            environment = change.Order.Environment,
            providerOrderId = change.Order.ProviderOrderId,
            previousStatus = change.PreviousStatus,
            status = change.Status,
            changedAt = change.ChangedAt.ToUniversalTime(),
        },
        change.OrderId, null, change.Order.Account, change.Order.Environment);

    public static WebhookEvent Test(string endpoint, DateTimeOffset now) => new(
        WebhookEventTypes.Test,
        now,
        new { endpoint, message = "A test delivery sent from the Notifier API. It grants nothing." },
        null, null, null, null);
}
