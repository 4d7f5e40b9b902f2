using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Payments.Contracts;

namespace Payments.Scenarios.Providers;

/// <summary>One Xsolla purchase: the ids, user, items and money every webhook of it repeats.</summary>
public sealed record XsollaPurchase
{
    /// <summary><c>transaction.id</c> of the payment = <c>order.invoice_id</c> of the order webhooks: Xsolla's invoice.</summary>
    public required long InvoiceId { get; init; }

    /// <summary><c>order.id</c>.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>user.id</c> (payment, refund) and <c>user.external_id</c> (order webhooks).</summary>
    public required string UserId { get; init; }

    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>Real money, e.g. <c>9.99</c>.</summary>
    public required decimal Amount { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary><c>transaction.dry_run = 1</c> and <c>order.mode = "sandbox"</c>.</summary>
    public bool Sandbox { get; init; }

    public DateTimeOffset PaymentDate { get; init; } = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Xsolla webhooks as Xsolla sends them (PROTOCOLS.md §2): <c>POST /webhooks/xsolla/{account}</c>, a JSON body and
/// <c>Authorization: Signature hex(SHA-1(body ‖ secret))</c> over exactly those bytes. Success is <c>204</c>.
/// Separate mode sends <c>payment</c> then <c>order_paid</c> (and <c>refund</c> then <c>order_canceled</c>);
/// combined mode sends only the order webhooks, with the payment data in a <c>billing</c> object.
/// </summary>
public static class XsollaRequests
{
    public static readonly ExpectedAnswer Success = new(HttpStatusCode.NoContent, "");

    public static ProviderRequest Payment(string account, string secret, XsollaPurchase purchase) =>
        SignedRequest(account, secret, TransactionBody("payment", purchase, refund: null));

    public static ProviderRequest Refund(string account, string secret, XsollaPurchase purchase) =>
        SignedRequest(account, secret, TransactionBody("refund", purchase, (1, "Cancelled via Publisher Account")));

    public static ProviderRequest PartialRefund(string account, string secret, XsollaPurchase purchase) =>
        SignedRequest(account, secret, TransactionBody("partial_refund", purchase, (9, "User request")));

    /// <param name="combined">Combined mode: the payment webhook's data inside <c>billing</c>.</param>
    public static ProviderRequest OrderPaid(string account, string secret, XsollaPurchase purchase, bool combined) =>
        SignedRequest(account, secret, OrderBody("order_paid", purchase, combined, status: "paid"));

    /// <param name="statusStillPaid">Xsolla's own fixture keeps <c>order.status = "paid"</c> on a cancellation (A21).</param>
    public static ProviderRequest OrderCanceled(string account, string secret, XsollaPurchase purchase, bool combined, bool statusStillPaid = false) =>
        SignedRequest(account, secret, OrderBody("order_canceled", purchase, combined, statusStillPaid ? "paid" : "canceled"));

    /// <summary><c>Signature</c> and 40 lowercase hex characters of SHA-1(body ‖ UTF-8 secret).</summary>
    public static string Authorization(byte[] body, string secret)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(body);
        hash.AppendData(Encoding.UTF8.GetBytes(secret));
        return "Signature " + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static ProviderRequest SignedRequest(string account, string secret, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new ProviderRequest(
            HttpMethod.Post,
            $"/webhooks/xsolla/{account}",
            bytes,
            "application/json",
            [new("Authorization", Authorization(bytes, secret)), new("Accept", "application/json")],
            Success);
    }

    private static string TransactionBody(string type, XsollaPurchase purchase, (int Code, string Reason)? refund)
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
                ["name"] = "Scenario User",
                ["country"] = "US",
            },
            ["transaction"] = Transaction(purchase),
            ["payment_details"] = PaymentDetails(purchase),
        };
        if (refund is { } details)
        {
            body["refund_details"] = new JsonObject { ["code"] = details.Code, ["reason"] = details.Reason };
        }

        return body.ToJsonString();
    }

    private static string OrderBody(string type, XsollaPurchase purchase, bool combined, string status)
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
                ["amount"] = Money(purchase.Amount / purchase.Items.Count),
                ["promotions"] = new JsonArray(),
            });
        }

        var body = new JsonObject
        {
            ["notification_type"] = type,
            ["items"] = items,
            ["order"] = new JsonObject
            {
                ["id"] = purchase.OrderId,
                ["mode"] = purchase.Sandbox ? "sandbox" : "default",
                ["currency_type"] = "real",
                ["currency"] = purchase.Currency,
                ["amount"] = Money(purchase.Amount),
                ["status"] = status,
                ["platform"] = "xsolla",
                ["comment"] = null,
                ["invoice_id"] = purchase.InvoiceId.ToString(CultureInfo.InvariantCulture),
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
                ["notification_type"] = "payment",
                ["settings"] = Settings(),
                ["purchase"] = Purchase(purchase),
                ["transaction"] = Transaction(purchase),
                ["payment_details"] = PaymentDetails(purchase),
            };
        }

        return body.ToJsonString();
    }

    private static JsonObject Settings() => new() { ["project_id"] = 18404, ["merchant_id"] = 2340 };

    /// <summary><c>virtual_items.items[].amount</c> is the item count (A19); <c>total</c> is the money.</summary>
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
            ["id"] = purchase.InvoiceId,
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

    /// <summary>What the buyer paid with fees; the system takes <c>purchase.total</c>, the price, as the amount.</summary>
    private static JsonObject PaymentDetails(XsollaPurchase purchase) => new()
    {
        ["payment"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount + 0.30m) },
        ["payout"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount * 0.9m) },
        ["xsolla_fee"] = new JsonObject { ["currency"] = purchase.Currency, ["amount"] = Money(purchase.Amount * 0.1m) },
    };

    private static string Money(decimal amount) => decimal.Round(amount, 2).ToString("0.00", CultureInfo.InvariantCulture);
}
