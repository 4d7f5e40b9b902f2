using System.Text.Json;
using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Reads <c>order_paid</c> and <c>order_canceled</c>. In combined mode a <c>billing</c> object carries the payment
/// webhook inside, and its <c>transaction</c> gives the invoice, the dates and the test flag (docs/providers/xsolla.md, decision A20). The order is
/// sandbox when <c>order.mode</c> is "sandbox" or the billing transaction is a dry run (docs/providers/xsolla.md, decision A18): either flag is enough,
/// so a test purchase can never be taken for a real one.
/// </summary>
internal static class XsollaOrderReader
{
    public static Checked<XsollaOrder> Read(JsonElement root)
    {
        if (XsollaJson.Object(root, "order") is not { } order)
        {
            return WebhookRejection.MissingField("order", XsollaNotificationReader.Where);
        }

        var billing = XsollaJson.Object(root, "billing");
        var billingTransaction = XsollaJson.Object(billing, "transaction");
        var orderId = XsollaJson.Text(order, "id");
        var invoiceId = XsollaJson.Text(order, "invoice_id");
        var transactionId = XsollaJson.Text(billingTransaction, "id");
        if (orderId is null && invoiceId is null && transactionId is null)
        {
            return WebhookRejection.MissingField("order.id", XsollaNotificationReader.Where);
        }

        return new XsollaOrder
        {
            WebhookMode = billing is null ? XsollaWebhookModes.Separate : XsollaWebhookModes.Combined,
            Id = orderId,
            InvoiceId = invoiceId,
            Mode = XsollaJson.Text(order, "mode"),
            Status = XsollaJson.Text(order, "status"),
            UserId = XsollaJson.Text(XsollaJson.Object(root, "user"), "external_id"),
            Items = XsollaItems.FromOrder(root),
            Amount = XsollaJson.Decimal(order, "amount"),
            Currency = XsollaJson.Text(order, "currency"),
            CurrencyType = XsollaJson.Text(order, "currency_type"),
            BillingTransactionId = transactionId,
            BillingExternalId = XsollaJson.Text(billingTransaction, "external_id"),
            BillingPaymentDate = XsollaJson.Time(billingTransaction, "payment_date"),
        };
    }

    /// <summary><c>sandbox</c> when <c>order.mode</c> is "sandbox" or <c>billing.transaction.dry_run</c> is truthy, else <c>production</c>.</summary>
    public static string Environment(JsonElement root)
    {
        var mode = XsollaJson.Text(XsollaJson.Object(root, "order"), "mode");
        var sandbox = string.Equals(mode?.Trim(), "sandbox", StringComparison.OrdinalIgnoreCase)
            || XsollaJson.IsTruthy(XsollaJson.Object(XsollaJson.Object(root, "billing"), "transaction"), "dry_run");
        return sandbox ? PaymentEnvironments.Sandbox : PaymentEnvironments.Production;
    }
}
