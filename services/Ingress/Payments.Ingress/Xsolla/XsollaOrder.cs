using Payments.Contracts;

namespace Payments.Ingress.Xsolla;

/// <summary>What an <c>order_paid</c> or <c>order_canceled</c> webhook says, separate or combined mode.</summary>
internal sealed record XsollaOrder
{
    public required string Environment { get; init; }
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

    /// <summary>The provider event's id within its type: <c>order.id</c>, the id Xsolla's docs say to dedupe on (A20).</summary>
    public string EventId => OrderId ?? $"invoice-{InvoiceId ?? TransactionId}";
}
