namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// A verified Xsolla <c>order_paid</c> webhook: the order's items are to be delivered (PROTOCOLS §2.5). In combined
/// mode the payment data comes inside a <c>billing</c> object, read into the transaction fields (A20).
/// </summary>
public sealed record XsollaOrderPaidReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>order.mode</c> is "sandbox" or <c>billing.transaction.dry_run</c> is truthy.</summary>
    public required string Environment { get; init; }

    /// <summary><c>separate</c>, or <c>combined</c> when the body carries a <c>billing</c> object.</summary>
    public required string WebhookMode { get; init; }

    /// <summary><c>order.id</c>.</summary>
    public string? OrderId { get; init; }

    /// <summary><c>order.invoice_id</c>: the <c>transaction.id</c> of the purchase's payment webhook.</summary>
    public string? InvoiceId { get; init; }

    /// <summary><c>order.mode</c> as sent ("default" or "sandbox").</summary>
    public string? OrderMode { get; init; }

    /// <summary><c>order.status</c> as sent; informational only (A21).</summary>
    public string? OrderStatus { get; init; }

    /// <summary><c>user.external_id</c>: the game's user id (A17).</summary>
    public string? UserId { get; init; }

    /// <summary><c>items[]</c>: sku and quantity.</summary>
    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary><c>order.amount</c>, in <see cref="Currency"/>, which is a virtual currency sku when <see cref="CurrencyType"/> is "virtual".</summary>
    public string? Amount { get; init; }
    public string? Currency { get; init; }

    /// <summary><c>order.currency_type</c>: "real" or "virtual".</summary>
    public string? CurrencyType { get; init; }

    /// <summary>Combined mode: <c>billing.transaction.id</c>.</summary>
    public string? TransactionId { get; init; }

    /// <summary>Combined mode: <c>billing.transaction.external_id</c>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Combined mode: <c>billing.transaction.payment_date</c>.</summary>
    public DateTimeOffset? PaymentDate { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
