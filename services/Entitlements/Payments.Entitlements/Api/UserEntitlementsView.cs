using Payments.Entitlements.Ledger;

namespace Payments.Entitlements.Api;

/// <summary>
/// Answer of <c>GET /users/{userId}/entitlements</c>: <see cref="Items"/> lists every active grant (the shape of
/// docs/architecture.md#external-interface that tools rely on), <see cref="Totals"/> sums them per sku.
/// </summary>
public sealed record UserEntitlementsView
{
    public required string UserId { get; init; }
    public required string Environment { get; init; }
    public required IReadOnlyList<EntitlementItem> Items { get; init; }
    public required IReadOnlyList<SkuTotal> Totals { get; init; }

    public static UserEntitlementsView From(string userId, string environment, IEnumerable<Grant> activeGrants)
    {
        var items = activeGrants
            .OrderBy(g => g.Sku, StringComparer.Ordinal)
            .ThenBy(g => g.GrantedAt)
            .ThenBy(g => g.OrderId)
            .Select(g => new EntitlementItem(g.Sku, g.Quantity, g.OrderId, g.GrantedAt))
            .ToList();
        var totals = items
            .GroupBy(i => i.Sku, StringComparer.Ordinal)
            .Select(g => new SkuTotal(g.Key, g.Sum(i => i.Quantity)))
            .ToList();
        return new UserEntitlementsView { UserId = userId, Environment = environment, Items = items, Totals = totals };
    }
}
