namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// A verified Xsolla <c>partial_refund</c> webhook: part of the payment was given back. Xsolla sends it in the shape
/// of <c>refund</c> (PROTOCOLS A23); which items it takes back is not stated.
/// </summary>
public sealed record XsollaPartialRefundReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy, else <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary><c>transaction.id</c>: the partly refunded invoice.</summary>
    public required string TransactionId { get; init; }
    public string? ExternalId { get; init; }
    public string? OrderId { get; init; }
    public DateTimeOffset? PaymentDate { get; init; }
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public int? RefundCode { get; init; }
    public string? RefundReason { get; init; }
    public required string RawBody { get; init; }
}
