using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.Cli.Notifications;

/// <summary>
/// Xsolla webhooks as Xsolla sends them in "separate" mode (PROTOCOLS.md §2.1): a JSON body with
/// <c>notification_type</c>, signed with <c>Authorization: Signature sha1(body ‖ secret)</c>. The purchase's order
/// id is Xsolla's invoice: <c>transaction.id</c> on payment, refund and partial_refund, <c>order.invoice_id</c> on
/// order_paid and order_canceled, so every webhook of one purchase reaches one order.
/// </summary>
internal static class XsollaWebhookBuilder
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Body(string notificationType, Purchase purchase, DateTimeOffset paidAt)
    {
        JsonObject body = notificationType switch
        {
            XsollaEvents.UserValidation => new JsonObject
            {
                ["notification_type"] = notificationType,
                ["settings"] = Settings(),
                ["user"] = new JsonObject { ["id"] = purchase.User, ["name"] = purchase.User },
            },
            XsollaEvents.Payment => Transaction(notificationType, purchase, paidAt),
            XsollaEvents.Refund or XsollaEvents.PartialRefund => WithRefundDetails(Transaction(notificationType, purchase, paidAt), notificationType),
            XsollaEvents.OrderPaid => Order(notificationType, purchase, "paid"),
            XsollaEvents.OrderCanceled => Order(notificationType, purchase, "canceled"),
            _ => throw new ArgumentException($"Xsolla event must be one of {string.Join(", ", XsollaEvents.All)}.", nameof(notificationType)),
        };
        return body.ToJsonString(Compact);
    }

    public static OutgoingRequest Request(string account, string body, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new OutgoingRequest(
            HttpMethod.Post,
            $"/webhooks/xsolla/{Uri.EscapeDataString(account)}",
            bytes,
            "application/json",
            [new("Accept", "application/json"), new("Authorization", XsollaSignature.AuthorizationHeader(bytes, secret))]);
    }

    /// <summary>A number for an all-digit id (as Xsolla sends it), else a string.</summary>
    private static JsonValue Id(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(id);

    private static JsonValue Money(string amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(amount);

    private static JsonObject Settings() => new() { ["project_id"] = 18404, ["merchant_id"] = 2340 };

    private static JsonObject Transaction(string type, Purchase purchase, DateTimeOffset paidAt)
    {
        var transaction = new JsonObject
        {
            ["id"] = Id(purchase.Order),
            ["external_id"] = purchase.Order,
            ["payment_date"] = paidAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["payment_method"] = 1,
            ["agreement"] = 1,
        };
        if (purchase.Sandbox)
        {
            transaction["dry_run"] = 1;
        }

        return new JsonObject
        {
            ["notification_type"] = type,
            ["settings"] = Settings(),
            ["purchase"] = new JsonObject
            {
                ["virtual_items"] = new JsonObject
                {
                    ["items"] = new JsonArray(new JsonObject { ["sku"] = purchase.Sku, ["amount"] = purchase.Quantity }),
                },
                ["total"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount) },
            },
            ["user"] = new JsonObject { ["id"] = purchase.User, ["name"] = purchase.User },
            ["transaction"] = transaction,
            ["payment_details"] = new JsonObject
            {
                ["payment"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount) },
            },
        };
    }

    private static JsonObject WithRefundDetails(JsonObject body, string type)
    {
        body["refund_details"] = type == XsollaEvents.PartialRefund
            ? new JsonObject { ["code"] = 9, ["reason"] = "Partial refund at the user's request" }
            : new JsonObject { ["code"] = 1, ["reason"] = "Cancellation of the invoice" };
        return body;
    }

    private static JsonObject Order(string type, Purchase purchase, string status) => new()
    {
        ["notification_type"] = type,
        ["items"] = new JsonArray(new JsonObject
        {
            ["sku"] = purchase.Sku,
            ["type"] = "virtual_good",
            ["is_pre_order"] = false,
            ["quantity"] = purchase.Quantity,
            ["amount"] = purchase.Amount,
            ["promotions"] = new JsonArray(),
        }),
        ["order"] = new JsonObject
        {
            ["id"] = OrderNumber(purchase.Order),
            ["mode"] = purchase.Sandbox ? "sandbox" : "default",
            ["currency_type"] = "real",
            ["currency"] = purchase.Currency,
            ["amount"] = purchase.Amount,
            ["status"] = status,
            ["platform"] = "xsolla",
            ["comment"] = null,
            ["invoice_id"] = purchase.Order,
        },
        ["user"] = new JsonObject { ["external_id"] = purchase.User },
    };

    /// <summary>Xsolla's own order number, a stable number derived from the invoice (nothing keys on it).</summary>
    private static long OrderNumber(string order)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(order))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash % 1_000_000_000;
    }
}
