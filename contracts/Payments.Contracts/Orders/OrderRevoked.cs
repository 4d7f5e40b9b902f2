namespace Payments.Contracts.Orders;

/// <summary>
/// Outcome: a granted order was refunded or reversed, so its items are to be taken back. Idempotent on
/// <see cref="OrderId"/> like <see cref="OrderPaid"/>.
/// </summary>
public sealed record OrderRevoked
{
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required string UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>The status that revoked the order: <c>refunded</c> or <c>reversed</c>.</summary>
    public required string Reason { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }
}
