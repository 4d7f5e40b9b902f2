using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>
/// Reads a decrypted payload: <c>{"notification_type", "app_id", "data"}</c>, where <c>data</c> is a string holding
/// JSON that is parsed a second time; an object is accepted too (docs/providers/rustore.md#request-format, decision A11).
/// </summary>
internal static class RuStoreNotificationParser
{
    private const string PayloadWhere = "The decrypted payload";

    public static Checked<RuStoreNotification> Parse(byte[] plaintext)
    {
        // JsonDocument does not check the bytes inside strings, and RawPayload must be the exact text.
        if (!Utf8.IsValid(plaintext))
        {
            return RuStoreRejections.MalformedPayload;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(plaintext);
        }
        catch (JsonException)
        {
            return RuStoreRejections.MalformedPayload;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return RuStoreRejections.MalformedPayload;
            }

            if (RuStoreJson.RequiredText(root, "notification_type") is not { } type)
            {
                return WebhookRejection.MissingField("notification_type", PayloadWhere);
            }

            if (!RuStoreNotificationTypes.TryResolve(type, out var normalizedType, out var kind, out var sandbox))
            {
                return RuStoreRejections.UnknownType;
            }

            var notification = new RuStoreNotification
            {
                NotificationType = normalizedType,
                Kind = kind,
                IsSandboxType = sandbox,
                AppId = RuStoreJson.Int64(root, "app_id"),
                RawPayload = Encoding.UTF8.GetString(plaintext),
            };

            // A test event's data ({"test":"TEST"}) carries nothing we use.
            if (kind == RuStoreNotificationKind.TestEvent)
            {
                return notification;
            }

            var invoiceStatus = RuStoreInvoiceStatusReader.Read(root);
            return invoiceStatus.IsOk ? notification with { InvoiceStatus = invoiceStatus.Value } : invoiceStatus.Rejection;
        }
    }
}
