namespace Payments.Entitlements.Api;

/// <summary>One active grant: an (order, sku) line of <c>GET /users/{userId}/entitlements</c>.</summary>
public sealed record EntitlementItem(string Sku, int Quantity, Guid OrderId, DateTimeOffset GrantedAt);
