namespace Payments.Contracts.Entitlements;

/// <summary>
/// A user received an item. Delivered at least once: re-published when its trigger is redelivered, so a
/// downstream consumer must be idempotent on (<see cref="OrderId"/>, <see cref="Sku"/>).
/// </summary>
public sealed record EntitlementGranted
{
    public required Guid OrderId { get; init; }
    public required string UserId { get; init; }
    public required string Sku { get; init; }
    public required int Quantity { get; init; }
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required DateTimeOffset GrantedAt { get; init; }
}
