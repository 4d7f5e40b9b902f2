using System.Text.Json;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>
/// Reads the <c>data</c> of an <c>INVOICE_STATUS</c> payload. RuStore sends it as a string holding JSON, to be parsed
/// a second time; an object is accepted too (docs/providers/rustore.md, decision A11). Statuses are lowercased (decision A3).
/// </summary>
internal static class RuStoreInvoiceStatusReader
{
    private const string DataWhere = "The decrypted 'data'";

    public static Checked<RuStoreInvoiceStatus> Read(JsonElement root)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind is JsonValueKind.Null)
        {
            return WebhookRejection.MissingField("data", "The decrypted payload");
        }

        if (data.ValueKind == JsonValueKind.Object)
        {
            return ReadFields(data);
        }

        if (data.ValueKind != JsonValueKind.String)
        {
            return RuStoreRejections.MalformedData;
        }

        try
        {
            using var inner = JsonDocument.Parse(data.GetString()!);
            return inner.RootElement.ValueKind == JsonValueKind.Object ? ReadFields(inner.RootElement) : RuStoreRejections.MalformedData;
        }
        catch (JsonException)
        {
            return RuStoreRejections.MalformedData;
        }
    }

    private static Checked<RuStoreInvoiceStatus> ReadFields(JsonElement data)
    {
        if (RuStoreJson.RequiredText(data, "invoice_id") is not { } invoiceId)
        {
            return WebhookRejection.MissingField("invoice_id", DataWhere);
        }

        if (RuStoreJson.RequiredText(data, "status_new") is not { } statusNew || string.IsNullOrWhiteSpace(statusNew))
        {
            return WebhookRejection.MissingField("status_new", DataWhere);
        }

        return new RuStoreInvoiceStatus
        {
            InvoiceId = invoiceId,
            StatusNew = RuStoreInvoiceStatuses.Normalize(statusNew),
            StatusOld = RuStoreJson.Text(data, "status_old") is { } statusOld ? RuStoreInvoiceStatuses.Normalize(statusOld) : null,
            OrderId = RuStoreJson.Text(data, "order_id"),
            PurchaseId = RuStoreJson.Text(data, "purchase_id"),
            PurchaseToken = RuStoreJson.Text(data, "purchase_token"),
            ProductCode = RuStoreJson.Text(data, "product_code"),
            ChangeStatusTime = RuStoreTimestamp.Parse(RuStoreJson.Text(data, "change_status_time")),
            DeveloperPayload = RuStoreJson.Text(data, "developer_payload"),
        };
    }
}
