namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// A verified Xsolla <c>order_canceled</c> webhook: the order was refunded and its items are to be taken back. Its
/// <c>order.status</c> may still say "paid"; the notification type decides (docs/providers/xsolla.md).
/// </summary>
public sealed record XsollaOrderCanceledReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>order.mode</c> is "sandbox" or <c>billing.transaction.dry_run</c> is truthy.</summary>
    public required string Environment { get; init; }

    public required XsollaOrder Order { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
