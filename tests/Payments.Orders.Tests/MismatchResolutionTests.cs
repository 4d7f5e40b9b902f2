using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Orders.Lifecycle;

namespace Payments.Orders.Tests;

/// <summary>Nothing is granted that was not paid for: provider items and currency are checked like the amount, and an operator settles what they block.</summary>
public sealed class MismatchResolutionTests
{
    private static readonly OrderItem[] Shield = [new OrderItem { Sku = "shield", Quantity = 1 }];

    [Fact]
    public void A_RuStore_product_other_than_the_registered_sku_blocks_the_grant()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(sku: "sword"));
        var paid = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, items: Shield));

        Assert.Equal(OrderOutcome.None, paid.Outcome);
        Assert.True(scenario.Order.ItemMismatch);
        Assert.True(OrderLifecycle.Blocked(scenario.Order));
        Assert.False(scenario.Order.Granted);
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "items.mismatch" && e.Reason!.Contains("provider says shield, registered sword × 2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_product_without_a_stated_quantity_is_not_a_mismatch()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(sku: "gems") with { Items = [new OrderItem { Sku = "gems", Quantity = 100 }] });
        var paid = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, items: [new OrderItem { Sku = "gems", Quantity = 1 }]));

        Assert.Equal(OrderOutcome.Grant, paid.Outcome);
        Assert.Equal(100, Assert.Single(scenario.Order.Items).Quantity);
    }

    [Fact]
    public void A_stated_quantity_other_than_the_registered_one_blocks_the_grant()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(sku: "gems") with { Items = [new OrderItem { Sku = "gems", Quantity = 100 }] });
        var fact = OrderScenario.Fact(OrderStatus.Paid, items: [new OrderItem { Sku = "gems", Quantity = 1 }]);
        var paid = scenario.Apply(fact with { Payment = fact.Payment with { QuantitiesStated = true } });

        Assert.Equal(OrderOutcome.None, paid.Outcome);
        Assert.True(scenario.Order.ItemMismatch);
    }

    [Fact]
    public void Provider_items_seen_before_the_registration_are_checked_when_it_comes()
    {
        var scenario = new OrderScenario();
        scenario.Apply(OrderScenario.Fact(OrderStatus.Started, items: Shield));
        var placed = scenario.Register(OrderScenario.Placed(sku: "sword"));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        Assert.Equal(OrderOutcome.None, placed.Outcome);
        Assert.True(scenario.Order.ItemMismatch);
        Assert.False(scenario.Order.Granted);
    }

    [Fact]
    public void A_payment_in_another_currency_is_an_amount_mismatch()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(amount: "100.00") with { Currency = "RUB" });
        var fact = OrderScenario.Fact(OrderStatus.Paid, amount: "100.00");
        var paid = scenario.Apply(fact with { Payment = fact.Payment with { Currency = "USD" } });

        Assert.Equal(OrderOutcome.None, paid.Outcome);
        Assert.True(scenario.Order.AmountMismatch);
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "amount.mismatch" && e.Reason!.StartsWith("paid 100.00 USD but registered 100.00 RUB", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(OrderResolutionRequested.GrantAsRegistered, "sword")]
    [InlineData(OrderResolutionRequested.GrantAsPaid, "shield")]
    public void An_operator_grants_a_blocked_order_as_registered_or_as_paid(string action, string granted)
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(sku: "sword"));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, items: Shield));

        var resolved = scenario.Order.Resolve(action);
        var again = scenario.Order.Resolve(action);

        Assert.Equal(OrderOutcome.Grant, resolved.Outcome);
        Assert.Equal(granted, Assert.Single(scenario.Order.Items).Sku);
        Assert.Equal(Disposition.Duplicate, again.Disposition);
        Assert.Equal(OrderOutcome.Grant, again.Outcome); // re-emitted, the same grant
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "order.resolved" && e.Applied && e.Reason == $"{action} (asked by operator-1)");
    }

    [Fact]
    public void A_cancelled_order_is_never_granted_and_cannot_be_resolved_again()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(amount: "50.00"));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, amount: "100.00"));

        Assert.Equal(OrderOutcome.None, scenario.Order.Resolve(OrderResolutionRequested.Cancel).Outcome);
        var late = scenario.Order.Resolve(OrderResolutionRequested.GrantAsPaid);
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, amount: "100.00", source: "a-later-copy"));

        Assert.Equal(Disposition.Ignored, late.Disposition);
        Assert.False(scenario.Order.Granted);
        Assert.False(OrderLifecycle.Blocked(scenario.Order));
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "order.resolved" && !e.Applied && e.Reason!.StartsWith("already resolved as cancel", StringComparison.Ordinal));
    }

    [Fact]
    public void An_order_that_is_not_blocked_is_not_resolved()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        var resolved = scenario.Order.Resolve(OrderResolutionRequested.GrantAsPaid);

        Assert.Equal(Disposition.Ignored, resolved.Disposition);
        Assert.Null(scenario.Order.Resolution);
    }
}

internal static class ResolveExtensions
{
    public static LifecycleDecision Resolve(this Payments.Orders.Saga.OrderState order, string action) =>
        order.Take(OrderLifecycle.Resolve(
            order,
            new OrderResolutionRequested { OrderId = order.CorrelationId, Order = OrderScenario.Reference, Action = action, RequestedBy = "operator-1", RequestedAt = OrderScenario.Start },
            OrderScenario.Start));
}
