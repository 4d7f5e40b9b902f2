using System.Globalization;
using Payments.Contracts;

namespace Payments.Scenarios.Generation;

/// <summary>What the system must end with for one order.</summary>
public enum ExpectedOutcome
{
    /// <summary>Paid, not taken back, user and items known, amount agrees: its items are active.</summary>
    Active,

    /// <summary>Paid at some point, but a refund or reversal is in the set: nothing may stay active.</summary>
    Revoked,

    /// <summary>No success in the set (only started / held / failed): never granted.</summary>
    NotPaid,

    /// <summary>Paid, but the user or the items are unknown (no registration, provider names neither): never granted.</summary>
    AwaitingDetails,

    /// <summary>Paid, but the paid amount differs from the registered one: never granted.</summary>
    AmountMismatch,

    /// <summary>Paid, but the provider's items differ from the registered ones (skus; quantities where the provider states them): never granted.</summary>
    ItemMismatch,
}

/// <summary>One active line the system must list: <c>GET /users/{UserId}/entitlements?environment={Environment}</c>.</summary>
public sealed record ExpectedGrant(string Environment, string UserId, Guid OrderId, string Sku, int Quantity);

public sealed record OrderExpectation(ScenarioOrder Order, ExpectedOutcome Outcome, string? UserId, IReadOnlyList<OrderItem> Items)
{
    public IEnumerable<ExpectedGrant> Grants => Outcome == ExpectedOutcome.Active
        ? Items.Select(i => new ExpectedGrant(Order.Reference.Environment, UserId!, Order.OrderId, i.Sku, i.Quantity))
        : [];
}

/// <summary>
/// The expected final entitlements as a function of the SET of an order's notifications and its registration,
/// never of their order or multiplicity (docs/architecture.md#the-job-and-the-invariant, docs/lifecycle.md):
/// an order's items are active iff the set holds a success (RuStore confirmed, Xsolla payment or order_paid,
/// RoboKassa result), holds no refund, reversal or failure, the user and items are known (the registration's,
/// else the provider's), no registered amount disagrees with the paid amount, and the provider's items (RuStore's
/// product, Xsolla's items with their quantities) are the registered ones. The registration's user wins over the
/// provider's. Sandbox orders count in the sandbox environment only.
/// </summary>
public static class ExpectedEntitlements
{
    private static readonly NotificationEffect[] Revoking = [NotificationEffect.Refunded, NotificationEffect.Reversed, NotificationEffect.Failed];

    public static OrderExpectation Of(ScenarioOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var facts = order.Notifications.Select(n => n.Facts).ToList();
        var effects = facts.Select(f => f.Effect).ToHashSet();
        var user = order.Registration?.UserId ?? facts.Select(f => f.UserId).FirstOrDefault(u => u is not null);
        var items = order.Registration?.Items ?? facts.Select(f => f.Items).FirstOrDefault(i => i is { Count: > 0 }) ?? [];

        // Every success of one purchase names the same amount, so which one the saga applies first does not matter.
        var paidAmounts = facts.Where(f => f.Effect == NotificationEffect.Succeeded && f.Amount is not null).Select(f => Parse(f.Amount!)).Distinct().ToList();
        if (paidAmounts.Count > 1)
        {
            throw new InvalidOperationException($"Order {order} has successes with different amounts: the outcome would depend on delivery order.");
        }

        // A success and a failure of one payment (Failed cannot follow Paid) would also depend on delivery order.
        if (effects.Contains(NotificationEffect.Succeeded) && effects.Contains(NotificationEffect.Failed))
        {
            throw new InvalidOperationException($"Order {order} both succeeded and failed: no provider sends that.");
        }

        // The provider's first statement of what was bought, compared as the saga compares it.
        var providerItems = facts.Select(f => f.Items).FirstOrDefault(i => i is { Count: > 0 });
        var quantitiesStated = order.Reference.Provider == PaymentProviders.Xsolla;
        var itemMismatch = order.Registration is { } registration && providerItems is not null && !Agree(registration.Items, providerItems, quantitiesStated);

        var outcome =
            !effects.Contains(NotificationEffect.Succeeded) ? ExpectedOutcome.NotPaid
            : effects.Overlaps(Revoking) ? ExpectedOutcome.Revoked
            : user is null || items.Count == 0 ? ExpectedOutcome.AwaitingDetails
            : itemMismatch ? ExpectedOutcome.ItemMismatch
            : order.Registration?.Amount is { } registered && paidAmounts.Count == 1 && Parse(registered) != paidAmounts[0] ? ExpectedOutcome.AmountMismatch
            : ExpectedOutcome.Active;
        return new OrderExpectation(order, outcome, user, items);
    }

    public static IReadOnlyList<OrderExpectation> Of(IEnumerable<ScenarioOrder> orders) => [.. orders.Select(Of)];

    private static bool Agree(IReadOnlyList<OrderItem> registered, IReadOnlyList<OrderItem> provider, bool quantitiesStated) =>
        registered.Select(i => i.Sku).Order(StringComparer.Ordinal).Distinct().SequenceEqual(provider.Select(i => i.Sku).Order(StringComparer.Ordinal).Distinct())
        && (!quantitiesStated || registered.OrderBy(i => i.Sku, StringComparer.Ordinal).SequenceEqual(provider.OrderBy(i => i.Sku, StringComparer.Ordinal)));

    private static decimal Parse(string amount) => decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
}
