using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Payments.Contracts;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>Parses a body whose signature has already been verified, and reads the fields of its notification type.</summary>
internal static class XsollaNotificationReader
{
    public const string Where = "The request body";

    public static Checked<XsollaNotification> Read(byte[] body)
    {
        // JsonDocument does not check the bytes inside strings, and RawBody must be the exact text.
        if (!Utf8.IsValid(body))
        {
            return WebhookRejection.MalformedJson;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return WebhookRejection.MalformedJson;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return WebhookRejection.MalformedJson;
            }

            if (XsollaJson.Text(root, "notification_type") is not { } type)
            {
                return WebhookRejection.MissingField("notification_type", Where);
            }

            if (!XsollaNotificationTypes.TryResolve(type, out var normalizedType, out var kind))
            {
                return XsollaRejections.UnknownType;
            }

            var rawBody = Encoding.UTF8.GetString(body);
            return kind switch
            {
                XsollaNotificationKind.UserValidation => UserValidation(root, normalizedType, rawBody),
                XsollaNotificationKind.OrderPaid or XsollaNotificationKind.OrderCanceled => Order(root, normalizedType, kind, rawBody),
                _ => Transaction(root, normalizedType, kind, rawBody),
            };
        }
    }

    /// <summary>user_validation carries no test flag, so the check is made for production (Entitlements knows users, not environments).</summary>
    private static Checked<XsollaNotification> UserValidation(JsonElement root, string type, string rawBody) =>
        XsollaJson.Text(XsollaJson.Object(root, "user"), "id") is { } userId
            ? new XsollaNotification
            {
                NotificationType = type, Kind = XsollaNotificationKind.UserValidation, Environment = PaymentEnvironments.Production,
                EventId = userId, UserId = userId, RawBody = rawBody,
            }
            : WebhookRejection.MissingField("user.id", Where);

    private static Checked<XsollaNotification> Transaction(JsonElement root, string type, XsollaNotificationKind kind, string rawBody)
    {
        var transaction = XsollaTransactionReader.Read(root);
        return transaction.IsOk
            ? new XsollaNotification
            {
                NotificationType = type, Kind = kind, Environment = XsollaTransactionReader.Environment(root),
                EventId = transaction.Value.Id, Transaction = transaction.Value, RawBody = rawBody,
            }
            : transaction.Rejection;
    }

    private static Checked<XsollaNotification> Order(JsonElement root, string type, XsollaNotificationKind kind, string rawBody)
    {
        var order = XsollaOrderReader.Read(root);
        return order.IsOk
            ? new XsollaNotification
            {
                NotificationType = type, Kind = kind, Environment = XsollaOrderReader.Environment(root),
                EventId = order.Value.EventId(), Order = order.Value, RawBody = rawBody,
            }
            : order.Rejection;
    }
}
