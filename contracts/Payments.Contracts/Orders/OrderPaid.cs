namespace Payments.Contracts.Orders;

/// <summary>
/// Outcome: the order is paid and its user and items are known, so its items are to be granted. Published again
/// when the event that produced it is delivered again; consumers must be idempotent on <see cref="OrderId"/>.
/// </summary>
public sealed record OrderPaid
{
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required string UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
}
