namespace Payments.Contracts.Providers.Xsolla;

/// <summary>A verified Xsolla <c>refund</c> webhook: the payment was cancelled (docs/providers/xsolla.md).</summary>
public sealed record XsollaRefundReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy, else <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The refunded invoice, with <see cref="XsollaTransaction.RefundCode"/> and <see cref="XsollaTransaction.RefundReason"/>.</summary>
    public required XsollaTransaction Transaction { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
