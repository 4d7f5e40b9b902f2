namespace Payments.Contracts.Entitlements;

/// <summary>A user's item was taken back. At-least-once, like <see cref="EntitlementGranted"/>.</summary>
public sealed record EntitlementRevoked
{
    public required Guid OrderId { get; init; }
    public required string UserId { get; init; }
    public required string Sku { get; init; }
    public required int Quantity { get; init; }
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }
}
