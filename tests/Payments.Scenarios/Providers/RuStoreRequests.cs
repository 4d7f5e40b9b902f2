using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Payments.Testing;

namespace Payments.Scenarios.Providers;

/// <summary>The <c>data</c> of a RuStore <c>INVOICE_STATUS</c> notification (PROTOCOLS.md §1.1); every field is sent as a string.</summary>
public sealed record RuStoreInvoiceStatusData
{
    public required string InvoiceId { get; init; }
    public required string OrderId { get; init; }
    public required string ProductCode { get; init; }
    public required string StatusNew { get; init; }
    public required string StatusOld { get; init; }
    public required DateTimeOffset ChangeStatusTime { get; init; }
    public string PurchaseId { get; init; } = "";
    public string PurchaseToken { get; init; } = "";
    public long AppId { get; init; } = 12345;
}

/// <summary>
/// RuStore notifications as RuStore sends them: <c>POST /webhooks/rustore/{account}</c> with
/// <c>{"id","timestamp","payload"}</c>, the payload AES-256-GCM sealed (IV ‖ ciphertext ‖ tag, Base64) around
/// <c>{"app_id","notification_type","data"}</c> whose <c>data</c> is a JSON string. Success is <c>200</c>, empty.
/// </summary>
public static class RuStoreRequests
{
    public static readonly ExpectedAnswer Success = new(HttpStatusCode.OK, "");

    /// <summary>The decrypted payload; <c>INVOICE_STATUS_SANDBOX</c> when <paramref name="sandbox"/>.</summary>
    public static string InvoiceStatusPlaintext(RuStoreInvoiceStatusData data, bool sandbox)
    {
        ArgumentNullException.ThrowIfNull(data);
        var inner = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["change_status_time"] = Time(data.ChangeStatusTime),
            ["product_code"] = data.ProductCode,
            ["status_new"] = data.StatusNew,
            ["status_old"] = data.StatusOld,
            ["purchase_token"] = data.PurchaseToken,
            ["invoice_id"] = data.InvoiceId,
            ["order_id"] = data.OrderId,
            ["purchase_id"] = data.PurchaseId,
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["app_id"] = data.AppId,
            ["notification_type"] = sandbox ? "INVOICE_STATUS_SANDBOX" : "INVOICE_STATUS",
            ["data"] = inner,
        });
    }

    /// <summary>
    /// The request, sealed now with a fresh random IV: RuStore may re-encrypt a resent notification, so every call
    /// gives different bytes for the same notification.
    /// </summary>
    public static ProviderRequest InvoiceStatus(
        string account, byte[] key, RuStoreInvoiceStatusData data, bool sandbox, string notificationId, DateTimeOffset timestamp)
    {
        var payload = RuStoreNotification.Seal(InvoiceStatusPlaintext(data, sandbox), key);
        var body = RuStoreNotification.Body(payload, notificationId, Time(timestamp));
        return new ProviderRequest(HttpMethod.Post, $"/webhooks/rustore/{account}", Encoding.UTF8.GetBytes(body), "application/json", [], Success);
    }

    /// <summary>ISO 8601 UTC with milliseconds, as RuStore's newer pages show it (<c>2025-11-18T10:38:58.619Z</c>).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
