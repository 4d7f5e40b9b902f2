using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Payments.Simulator.Xsolla;

/// <summary>
/// Xsolla webhooks as Xsolla sends them (docs/providers/xsolla.md): <c>POST /webhooks/xsolla/{account}</c>, a JSON
/// body with <c>notification_type</c> and <c>Authorization: Signature hex(SHA-1(body ‖ secret))</c> over exactly
/// those bytes. Success is <c>204</c> (user_validation too). Separate mode sends <c>payment</c> then
/// <c>order_paid</c> (and <c>refund</c> then <c>order_canceled</c>); combined mode sends only the order webhooks,
/// with the payment's data in a <c>billing</c> object.
/// </summary>
public static class XsollaWebhooks
{
    public const string UserValidation = "user_validation";
    public const string Payment = "payment";
    public const string OrderPaid = "order_paid";
    public const string Refund = "refund";
    public const string PartialRefund = "partial_refund";
    public const string OrderCanceled = "order_canceled";

    /// <summary>Every webhook type the Ingress handles.</summary>
    public static readonly IReadOnlyList<string> Types = [UserValidation, Payment, OrderPaid, Refund, PartialRefund, OrderCanceled];

    public static readonly ExpectedAnswer Success = new(HttpStatusCode.NoContent, "");

    public static string Path(string account) => $"/webhooks/xsolla/{Uri.EscapeDataString(account)}";

    /// <summary>40 lowercase hex digits of SHA-1(body ‖ UTF-8 secret). SHA-1 is Xsolla's choice, not ours.</summary>
    public static string Signature(byte[] body, string secret)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(body);
        hash.AppendData(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The <c>Authorization</c> header value: <c>Signature</c> and the digest.</summary>
    public static string Authorization(byte[] body, string secret) => "Signature " + Signature(body, secret);

    public static string Authorization(string body, string secret) => Authorization(Encoding.UTF8.GetBytes(body), secret);

    /// <summary>
    /// A <c>POST</c> of exactly <paramref name="body"/> with any <c>Authorization</c> value (or none): for vectors and
    /// deliberately wrong signatures. <paramref name="contentType"/> may be changed for the receiver's tests.
    /// </summary>
    public static ProviderRequest Request(string account, byte[] body, string? authorization, string contentType = "application/json")
    {
        var request = new ProviderRequest(HttpMethod.Post, Path(account), body, contentType, [new("Accept", "application/json")], Success);
        return authorization is null ? request : request.WithHeader("Authorization", authorization);
    }

    /// <summary><paramref name="body"/> signed with <paramref name="secret"/>.</summary>
    public static ProviderRequest SignedRequest(string account, byte[] body, string secret) => Request(account, body, Authorization(body, secret));

    public static ProviderRequest SignedRequest(string account, string body, string secret) => SignedRequest(account, Encoding.UTF8.GetBytes(body), secret);

    /// <summary>The signed webhook of <paramref name="type"/> for <paramref name="purchase"/>; see <see cref="Body"/>.</summary>
    public static ProviderRequest Webhook(string account, string secret, string type, XsollaPurchase purchase, bool combined = false, bool statusStillPaid = false) =>
        SignedRequest(account, Body(type, purchase, combined, statusStillPaid), secret);

    /// <summary>The signed user check for <paramref name="userId"/>.</summary>
    public static ProviderRequest UserCheck(string account, string secret, string userId, string? name = null) =>
        SignedRequest(account, UserValidationBody(userId, name), secret);

    /// <summary><c>{"notification_type":"user_validation","user":{"id","name"}}</c>, the user id as a string.</summary>
    public static string UserValidationBody(string userId, string? name = null) =>
        new JsonObject
        {
            ["notification_type"] = UserValidation,
            ["user"] = new JsonObject { ["id"] = userId, ["name"] = name ?? userId },
        }.ToJsonString(CompactJson.Options);

    /// <summary>
    /// The body of a purchase webhook. <paramref name="combined"/>: the order webhooks carry the payment's data in
    /// <c>billing</c>. <paramref name="statusStillPaid"/>: order_canceled keeps <c>order.status = "paid"</c>, as
    /// Xsolla's own fixture does.
    /// </summary>
    public static string Body(string type, XsollaPurchase purchase, bool combined = false, bool statusStillPaid = false)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var body = type switch
        {
            UserValidation => JsonNode.Parse(UserValidationBody(purchase.UserId))!.AsObject(),
            Payment => TransactionBody(type, purchase, refund: null),
            Refund => TransactionBody(type, purchase, (1, "Cancelled via Publisher Account")),
            PartialRefund => TransactionBody(type, purchase, (9, "User request")),
            OrderPaid => OrderBody(type, purchase, combined, "paid"),
            OrderCanceled => OrderBody(type, purchase, combined, statusStillPaid ? "paid" : "canceled"),
            _ => throw new ArgumentException($"The Xsolla webhook type must be one of {string.Join(", ", Types)}.", nameof(type)),
        };
        return body.ToJsonString(CompactJson.Options);
    }

    private static JsonObject TransactionBody(string type, XsollaPurchase purchase, (int Code, string Reason)? refund)
    {
        var body = new JsonObject
        {
            ["notification_type"] = type,
            ["settings"] = Settings(),
            ["purchase"] = Purchase(purchase),
            ["user"] = new JsonObject
            {
                ["ip"] = "127.0.0.1",
                ["email"] = $"{purchase.UserId}@example.com",
                ["id"] = purchase.UserId,
                ["name"] = purchase.UserId,
                ["country"] = "US",
            },
            ["transaction"] = Transaction(purchase),
            ["payment_details"] = PaymentDetails(purchase),
        };
        if (refund is { } details)
        {
            body["refund_details"] = new JsonObject { ["code"] = details.Code, ["reason"] = details.Reason };
        }

        return body;
    }

    private static JsonObject OrderBody(string type, XsollaPurchase purchase, bool combined, string status)
    {
        var items = new JsonArray();
        foreach (var item in purchase.Items)
        {
            items.Add(new JsonObject
            {
                ["sku"] = item.Sku,
                ["type"] = "virtual_good",
                ["is_pre_order"] = false,
                ["quantity"] = item.Quantity,
                ["amount"] = Money(purchase.Amount / Math.Max(1, purchase.Items.Count)),
                ["promotions"] = new JsonArray(),
            });
        }

        var body = new JsonObject
        {
            ["notification_type"] = type,
            ["items"] = items,
            ["order"] = new JsonObject
            {
                ["id"] = purchase.OrderId ?? OrderNumber(purchase.InvoiceId),
                ["mode"] = purchase.Sandbox ? "sandbox" : "default",
                ["currency_type"] = "real",
                ["currency"] = purchase.Currency,
                ["amount"] = Money(purchase.Amount),
                ["status"] = status,
                ["platform"] = "xsolla",
                ["comment"] = null,
                ["invoice_id"] = purchase.InvoiceId,
                ["promotions"] = new JsonArray(),
                ["promocodes"] = new JsonArray(),
                ["coupons"] = new JsonArray(),
            },
            ["user"] = new JsonObject { ["external_id"] = purchase.UserId, ["email"] = $"{purchase.UserId}@example.com" },
        };
        if (combined)
        {
            body["billing"] = new JsonObject
            {
                ["notification_type"] = Payment,
                ["settings"] = Settings(),
                ["purchase"] = Purchase(purchase),
                ["transaction"] = Transaction(purchase),
                ["payment_details"] = PaymentDetails(purchase),
            };
        }

        return body;
    }

    private static JsonObject Settings() => new() { ["project_id"] = 18404, ["merchant_id"] = 2340 };

    /// <summary><c>virtual_items.items[].amount</c> is the item count; <c>total</c> is the money.</summary>
    private static JsonObject Purchase(XsollaPurchase purchase)
    {
        var items = new JsonArray();
        foreach (var item in purchase.Items)
        {
            items.Add(new JsonObject { ["sku"] = item.Sku, ["amount"] = item.Quantity });
        }

        return new JsonObject
        {
            ["virtual_items"] = new JsonObject { ["items"] = items, ["currency"] = purchase.Currency, ["amount"] = purchase.Amount },
            ["total"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = purchase.Amount },
        };
    }

    private static JsonObject Transaction(XsollaPurchase purchase)
    {
        var transaction = new JsonObject
        {
            ["id"] = Id(purchase.InvoiceId),
            ["external_id"] = $"ext-{purchase.InvoiceId}",
            ["payment_date"] = purchase.PaymentDate.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["payment_method"] = 1,
            ["agreement"] = 1,
        };
        if (purchase.Sandbox)
        {
            transaction["dry_run"] = 1;
        }

        return transaction;
    }

    /// <summary>What the buyer paid with fees; the receiver takes <c>purchase.total</c>, the price, as the amount.</summary>
    private static JsonObject PaymentDetails(XsollaPurchase purchase) => new()
    {
        ["payment"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount + 0.30m) },
        ["payout"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount * 0.9m) },
        ["xsolla_fee"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount * 0.1m) },
    };

    /// <summary>A number for an all-digit id (as Xsolla sends it), else a string.</summary>
    private static JsonValue Id(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(id);

    private static string Money(decimal amount) => decimal.Round(amount, 2).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A stable number derived from the invoice (FNV-1a), for an <c>order.id</c> nobody gave.</summary>
    private static long OrderNumber(string invoice)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(invoice))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash % 1_000_000_000;
    }
}
