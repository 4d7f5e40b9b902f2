namespace Payments.Contracts.Providers.Xsolla;

/// <summary>A verified Xsolla <c>refund</c> webhook: the payment was cancelled. Same fields as <see cref="XsollaPaymentReceived"/>.</summary>
public sealed record XsollaRefundReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy, else <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary><c>transaction.id</c>: the refunded invoice.</summary>
    public required string TransactionId { get; init; }
    public string? ExternalId { get; init; }
    public string? OrderId { get; init; }
    public DateTimeOffset? PaymentDate { get; init; }
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }

    /// <summary><c>refund_details.code</c>: 1–13 (PROTOCOLS §2.1, e.g. 2 chargeback, 4 potential fraud).</summary>
    public int? RefundCode { get; init; }

    /// <summary><c>refund_details.reason</c>, free text.</summary>
    public string? RefundReason { get; init; }
    public required string RawBody { get; init; }
}
