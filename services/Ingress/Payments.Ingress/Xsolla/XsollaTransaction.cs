using Payments.Contracts;

namespace Payments.Ingress.Xsolla;

/// <summary>What a <c>payment</c>, <c>refund</c> or <c>partial_refund</c> webhook says.</summary>
internal sealed record XsollaTransaction
{
    public required string TransactionId { get; init; }
    public required string Environment { get; init; }
    public string? ExternalId { get; init; }
    public string? OrderId { get; init; }
    public DateTimeOffset? PaymentDate { get; init; }
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public int? RefundCode { get; init; }
    public string? RefundReason { get; init; }
}
