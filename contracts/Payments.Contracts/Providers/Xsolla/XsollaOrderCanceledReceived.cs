namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// A verified Xsolla <c>order_canceled</c> webhook: the order was refunded and its items are to be taken back. Its
/// <c>order.status</c> may still say "paid"; the notification type decides (PROTOCOLS A21). Same fields as
/// <see cref="XsollaOrderPaidReceived"/>.
/// </summary>
public sealed record XsollaOrderCanceledReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>order.mode</c> is "sandbox" or <c>billing.transaction.dry_run</c> is truthy.</summary>
    public required string Environment { get; init; }

    /// <summary><c>separate</c>, or <c>combined</c> when the body carries a <c>billing</c> object.</summary>
    public required string WebhookMode { get; init; }
    public string? OrderId { get; init; }
    public string? InvoiceId { get; init; }
    public string? OrderMode { get; init; }
    public string? OrderStatus { get; init; }
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public string? CurrencyType { get; init; }
    public string? TransactionId { get; init; }
    public string? ExternalId { get; init; }
    public DateTimeOffset? PaymentDate { get; init; }
    public required string RawBody { get; init; }
}
