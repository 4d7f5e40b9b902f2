namespace Payments.Entitlements.Api;

/// <summary>Answer of <c>GET /users/{userId}/entitlements/history</c>: every grant, active or revoked, oldest first.</summary>
public sealed record EntitlementHistoryView
{
    public required string UserId { get; init; }
    public required string Environment { get; init; }
    public required IReadOnlyList<GrantHistoryLine> Grants { get; init; }
}
