namespace Payments.Contracts.Orders;

/// <summary>The game backend registered an order through <c>POST /orders</c>: the authoritative user, items and amount.</summary>
public sealed record OrderPlaced
{
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required string UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
}
