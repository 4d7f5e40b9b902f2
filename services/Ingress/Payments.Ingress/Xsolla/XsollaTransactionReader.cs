using System.Text.Json;
using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Reads <c>payment</c>, <c>refund</c> and <c>partial_refund</c>. Only <c>transaction.id</c> is required: a 4xx on
/// <c>payment</c> charges the buyer without delivery (docs/providers/xsolla.md, decision A13), so a missing optional field is carried as null instead.
/// </summary>
internal static class XsollaTransactionReader
{
    public static Checked<XsollaTransaction> Read(JsonElement root)
    {
        var transaction = XsollaJson.Object(root, "transaction");
        if (XsollaJson.Text(transaction, "id") is not { } transactionId)
        {
            return WebhookRejection.MissingField("transaction.id", XsollaNotificationReader.Where);
        }

        var purchase = XsollaJson.Object(root, "purchase");

        // purchase.total is the price of what was bought; payment_details.payment adds fees and taxes the buyer paid.
        var money = XsollaJson.Object(purchase, "total") is { } total && XsollaJson.Decimal(total, "amount") is not null
            ? total
            : XsollaJson.Object(XsollaJson.Object(root, "payment_details"), "payment");
        var refund = XsollaJson.Object(root, "refund_details");

        return new XsollaTransaction
        {
            Id = transactionId,
            ExternalId = XsollaJson.Text(transaction, "external_id"),
            OrderId = XsollaJson.Text(XsollaJson.Object(root, "order"), "id"),
            PaymentDate = XsollaJson.Time(transaction, "payment_date"),
            UserId = XsollaJson.Text(XsollaJson.Object(root, "user"), "id"),
            Items = XsollaItems.FromPurchase(purchase),
            Amount = XsollaJson.Decimal(money, "amount"),
            Currency = XsollaJson.Text(money, "currency"),
            RefundCode = XsollaJson.Int32(refund, "code"),
            RefundReason = XsollaJson.Text(refund, "reason"),
        };
    }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy (1, "1", true), else <c>production</c>.</summary>
    public static string Environment(JsonElement root) =>
        XsollaJson.IsTruthy(XsollaJson.Object(root, "transaction"), "dry_run") ? PaymentEnvironments.Sandbox : PaymentEnvironments.Production;
}
