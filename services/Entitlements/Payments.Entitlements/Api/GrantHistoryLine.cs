namespace Payments.Entitlements.Api;

/// <summary>One grant of <c>GET /users/{userId}/entitlements/history</c>, with its revocation if any.</summary>
public sealed record GrantHistoryLine
{
    public required Guid OrderId { get; init; }
    public required string Sku { get; init; }
    public required int Quantity { get; init; }
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required DateTimeOffset GrantedAt { get; init; }
    public required bool Active { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary><c>refunded</c> or <c>reversed</c>: the order status that took the grant back.</summary>
    public string? RevokeReason { get; init; }
}
