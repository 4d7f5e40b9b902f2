namespace Payments.Contracts.Providers.Xsolla;

/// <summary>A verified (signed) Xsolla <c>payment</c> webhook: the invoice was paid (docs/providers/xsolla.md).</summary>
public sealed record XsollaPaymentReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy (1, "1", true), else <c>production</c>.</summary>
    public required string Environment { get; init; }

    public required XsollaTransaction Transaction { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
