using System.Text.Json;
using Payments.Contracts;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Reads <c>order_paid</c> and <c>order_canceled</c>. In combined mode a <c>billing</c> object carries the payment
/// webhook inside, and its <c>transaction</c> gives the invoice, the dates and the test flag (A20). The order is
/// sandbox when <c>order.mode</c> is "sandbox" or the billing transaction is a dry run (A18): either flag is enough,
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

        var mode = XsollaJson.Text(order, "mode");
        var sandbox = string.Equals(mode?.Trim(), "sandbox", StringComparison.OrdinalIgnoreCase) || XsollaJson.IsTruthy(billingTransaction, "dry_run");

        return new XsollaOrder
        {
            Environment = sandbox ? PaymentEnvironments.Sandbox : PaymentEnvironments.Production,
            WebhookMode = billing is null ? XsollaWebhookModes.Separate : XsollaWebhookModes.Combined,
            OrderId = orderId,
            InvoiceId = invoiceId,
            OrderMode = mode,
            OrderStatus = XsollaJson.Text(order, "status"),
            UserId = XsollaJson.Text(XsollaJson.Object(root, "user"), "external_id"),
            Items = XsollaItems.FromOrder(root),
            Amount = XsollaJson.Decimal(order, "amount"),
            Currency = XsollaJson.Text(order, "currency"),
            CurrencyType = XsollaJson.Text(order, "currency_type"),
            TransactionId = transactionId,
            ExternalId = XsollaJson.Text(billingTransaction, "external_id"),
            PaymentDate = XsollaJson.Time(billingTransaction, "payment_date"),
        };
    }
}
