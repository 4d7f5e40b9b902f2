namespace Payments.Contracts.Providers.Xsolla;

/// <summary>A verified Xsolla <c>order_paid</c> webhook: the order's items are to be delivered (docs/providers/xsolla.md).</summary>
public sealed record XsollaOrderPaidReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>order.mode</c> is "sandbox" or <c>billing.transaction.dry_run</c> is truthy.</summary>
    public required string Environment { get; init; }

    public required XsollaOrder Order { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
