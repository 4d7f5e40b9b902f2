using System.Text.Json.Nodes;
using Payments.Ingress.RuStore;
using Payments.Ingress.Xsolla;

namespace Payments.Ingress.Webhooks;

/// <summary>
/// The OpenAPI tag and examples of the provider webhooks (README, HTTP interface). Each request is the provider's
/// own format (docs/providers/): the examples show its shape; a real one is encrypted or signed with the account's
/// secret, which no example can show.
/// </summary>
internal static class WebhookApiDocs
{
    public const string Tag = "Webhooks";

    /// <summary>RuStore's envelope: <c>payload</c> is Base64 of IV(12) ‖ AES-256-GCM ciphertext ‖ tag(16).</summary>
    public static RuStoreEnvelope RuStoreNotification { get; } = new(
        "42", new DateTimeOffset(2026, 12, 7, 10, 16, 58, TimeSpan.Zero), "q3x0b2VkLWl2LTEyYnl0ZXPvv73nY2lwaGVydGV4dC4uLnRhZzE2Ynl0ZXM=");

    /// <summary>An Xsolla <c>payment</c> webhook (abridged); the signature header is <c>Authorization: Signature sha1(body ‖ secret)</c>.</summary>
    public static JsonObject XsollaPayment { get; } = new()
    {
        ["notification_type"] = "payment",
        ["settings"] = new JsonObject { ["project_id"] = 18404, ["merchant_id"] = 2340 },
        ["user"] = new JsonObject { ["id"] = "player-1", ["email"] = "player@example.com" },
        ["transaction"] = new JsonObject
        {
            ["id"] = 700001, ["external_id"] = "order-42", ["payment_date"] = "2026-12-07T10:16:58+00:00", ["payment_method"] = 1, ["dry_run"] = 0,
        },
        ["purchase"] = new JsonObject
        {
            ["total"] = new JsonObject { ["currency"] = "RUB", ["amount"] = 100 },
            ["order"] = new JsonObject { ["id"] = 700001, ["lineitems"] = new JsonArray(new JsonObject { ["sku"] = "sword", ["quantity"] = 1 }) },
        },
    };

    public static XsollaErrorBody XsollaInvalidSignature { get; } = new(new XsollaError(XsollaErrorCodes.InvalidSignature, "The signature does not match."));

    public const string RoboKassaAnswer = "OK1001";

    public const string RoboKassaSuccessPage = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Payment received</title></head><body><main><h1>Payment received</h1><p>Payment received, your items will arrive shortly.</p></main></body></html>";
}
