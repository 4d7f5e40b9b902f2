namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// A verified Xsolla <c>partial_refund</c> webhook: part of the payment was given back. Xsolla sends it in the shape
/// of <c>refund</c>; which items it takes back is not stated (docs/providers/xsolla.md).
/// </summary>
public sealed record XsollaPartialRefundReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy, else <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The partly refunded invoice.</summary>
    public required XsollaTransaction Transaction { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
