using System.Security.Cryptography;
using System.Text;

namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// What an <c>order_paid</c> or <c>order_canceled</c> webhook says about its order, separate or combined mode
/// (docs/providers/xsolla.md). In combined mode a <c>billing</c> object carries the payment webhook inside, and its
/// <c>transaction</c> gives the <c>Billing…</c> fields. At least one of <see cref="Id"/>, <see cref="InvoiceId"/>
/// and <see cref="BillingTransactionId"/> is present: Ingress refuses a webhook with none.
/// </summary>
public sealed record XsollaOrder
{
    /// <summary><c>separate</c>, or <c>combined</c> when the body carries a <c>billing</c> object (<see cref="XsollaWebhookModes"/>).</summary>
    public required string WebhookMode { get; init; }

    /// <summary><c>order.id</c>.</summary>
    public string? Id { get; init; }

    /// <summary><c>order.invoice_id</c>: the <c>transaction.id</c> of the purchase's payment webhook.</summary>
    public string? InvoiceId { get; init; }

    /// <summary><c>order.mode</c> as sent ("default" or "sandbox").</summary>
    public string? Mode { get; init; }

    /// <summary><c>order.status</c> as sent; informational only: the notification type decides.</summary>
    public string? Status { get; init; }

    /// <summary><c>user.external_id</c>: the game's user id.</summary>
    public string? UserId { get; init; }

    /// <summary><c>items[]</c>: sku and quantity.</summary>
    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary><c>order.amount</c>, in <see cref="Currency"/>, which is a virtual currency's sku when <see cref="CurrencyType"/> is "virtual".</summary>
    public string? Amount { get; init; }

    /// <summary><c>order.currency</c>.</summary>
    public string? Currency { get; init; }

    /// <summary><c>order.currency_type</c>: "real" or "virtual".</summary>
    public string? CurrencyType { get; init; }

    /// <summary>Combined mode: <c>billing.transaction.id</c>, literally the payment webhook's <c>transaction.id</c>.</summary>
    public string? BillingTransactionId { get; init; }

    /// <summary>Combined mode: <c>billing.transaction.external_id</c>.</summary>
    public string? BillingExternalId { get; init; }

    /// <summary>Combined mode: <c>billing.transaction.payment_date</c>.</summary>
    public DateTimeOffset? BillingPaymentDate { get; init; }

    /// <summary>
    /// The order these webhooks belong to (its <c>providerOrderId</c>): the invoice, as for payment and refund, so
    /// every webhook of one purchase reaches one order. <see cref="BillingTransactionId"/> first, then
    /// <see cref="InvoiceId"/>; an order with neither is <c>order-{order.id}</c>, prefixed so it never collides
    /// with an invoice id, and named by the order id's SHA-256 when that would not fit
    /// <see cref="FieldLimits.ProviderId"/> (still one key per order). The one place this key is computed: the
    /// Normalizer routes by it and the archive files by it.
    /// </summary>
    public string OrderKey() =>
        FindOrderKey() ?? throw new InvalidOperationException("An Xsolla order webhook names neither its invoice nor its order.");

    /// <summary><see cref="OrderKey"/>, or null for a webhook that names neither its invoice nor its order.</summary>
    public string? FindOrderKey()
    {
        if (Invoice() is { } invoice)
        {
            return invoice;
        }

        if (Id is null)
        {
            return null;
        }

        var key = $"order-{Id}";
        return key.Length <= FieldLimits.ProviderId ? key : $"order-sha256-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Id)))}";
    }

    /// <summary>The invoice the webhook names: <see cref="BillingTransactionId"/> (combined mode) first, then <see cref="InvoiceId"/>.</summary>
    public string? Invoice() => BillingTransactionId ?? InvoiceId;

    /// <summary>
    /// The webhook's identity within its notification type: <c>order.id</c>, the id Xsolla says to deduplicate on,
    /// else the invoice. Ingress names the message by it and the Normalizer the source event, so a resent webhook
    /// is one event.
    /// </summary>
    public string EventId() => Id ?? $"invoice-{InvoiceId ?? BillingTransactionId}";

    /// <summary>An order paid in a virtual currency: <see cref="Amount"/> is not money and <see cref="Currency"/> is that currency's sku.</summary>
    public bool PaidInVirtualCurrency() => string.Equals(CurrencyType, "virtual", StringComparison.OrdinalIgnoreCase);
}
