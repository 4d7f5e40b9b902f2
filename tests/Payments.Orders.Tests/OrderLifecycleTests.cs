using Payments.Orders.Lifecycle;

namespace Payments.Orders.Tests;

public class OrderLifecycleTests
{
    [Fact]
    public void A_registered_order_paid_once_is_granted_once()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Started));
        var paid = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        Assert.Equal(OrderStatus.Paid, scenario.Status);
        Assert.Equal(OrderOutcome.Grant, paid.Outcome);
        Assert.Equal(1, scenario.Count(OrderOutcome.Grant));
        Assert.True(scenario.Order.Granted);
    }

    [Fact]
    public void When_the_payment_arrives_before_the_order_the_grant_waits_for_the_details()
    {
        var scenario = new OrderScenario();
        var paid = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        Assert.Equal(OrderOutcome.None, paid.Outcome);
        Assert.True(OrderLifecycle.AwaitingDetails(scenario.Order));

        var placed = scenario.Register(OrderScenario.Placed());
        Assert.Equal(OrderOutcome.Grant, placed.Outcome);
        Assert.Equal(OrderStatus.Paid, scenario.Status);
        Assert.False(OrderLifecycle.AwaitingDetails(scenario.Order));
    }

    [Fact]
    public void A_refund_before_the_payment_means_never_granted()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Refunded));
        var late = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        Assert.NotEqual(Disposition.Applied, late.Disposition);
        Assert.Equal(OrderStatus.Refunded, scenario.Status);
        Assert.Equal(0, scenario.Count(OrderOutcome.Grant));
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "payment.paid" && !e.Applied && e.Reason!.Contains("terminal", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refund_after_the_grant_revokes_it_once()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));
        var refund = scenario.Apply(OrderScenario.Fact(OrderStatus.Refunded));
        var duplicate = scenario.Apply(OrderScenario.Fact(OrderStatus.Refunded));

        Assert.Equal(OrderOutcome.Revoke, refund.Outcome);
        Assert.Equal(OrderOutcome.Revoke, duplicate.Outcome);
        Assert.NotEqual(Disposition.Applied, duplicate.Disposition);
        Assert.True(scenario.Order.Revoked);
        Assert.Contains(scenario.Order.Timeline, e => e.Duplicates > 0);
    }

    [Fact]
    public void A_duplicate_of_the_granting_event_re_emits_the_grant_and_changes_nothing_else()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));
        var duplicate = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        Assert.NotEqual(Disposition.Applied, duplicate.Disposition);
        Assert.Equal(OrderOutcome.Grant, duplicate.Outcome);
        Assert.Equal(OrderStatus.Paid, scenario.Status);
    }

    [Fact]
    public void A_duplicate_of_an_event_that_produced_nothing_re_emits_nothing()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Started));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));

        Assert.Equal(OrderOutcome.None, scenario.Apply(OrderScenario.Fact(OrderStatus.Started)).Outcome);
    }

    [Fact]
    public void A_confirmation_after_a_refund_is_ignored_and_recorded()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Refunded));
        var late = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, source: "rustore:inv:confirmed-again"));

        Assert.NotEqual(Disposition.Applied, late.Disposition);
        Assert.Equal(OrderOutcome.None, late.Outcome);
        Assert.Equal(OrderStatus.Refunded, scenario.Status);
    }

    [Fact]
    public void A_hold_then_a_reversal_never_grants()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Authorized));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Reversed));

        Assert.Equal(OrderStatus.Reversed, scenario.Status);
        Assert.Equal(0, scenario.Count(OrderOutcome.Grant));
    }

    [Fact]
    public void An_older_status_never_moves_a_paid_order_backwards()
    {
        var scenario = new OrderScenario();
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));
        var started = scenario.Apply(OrderScenario.Fact(OrderStatus.Started));
        var held = scenario.Apply(OrderScenario.Fact(OrderStatus.Authorized));

        Assert.NotEqual(Disposition.Applied, started.Disposition);
        Assert.NotEqual(Disposition.Applied, held.Disposition);
        Assert.Equal(OrderStatus.Paid, scenario.Status);
        Assert.Equal(2, scenario.Order.Timeline.Count(e => !e.Applied && e.Reason!.Contains("cannot follow paid", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_registered_user_wins_over_the_provider_and_the_conflict_is_recorded()
    {
        var scenario = new OrderScenario();
        scenario.Apply(OrderScenario.Fact(OrderStatus.Started, user: "from-provider"));
        scenario.Register(OrderScenario.Placed(user: "registered"));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, user: "from-provider"));

        Assert.Equal("registered", scenario.Order.UserId);
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "conflict.user");
        Assert.True(scenario.Order.Granted);
    }

    [Fact]
    public void A_paid_amount_that_differs_from_the_registered_one_blocks_the_grant()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(amount: "100.00"));
        var paid = scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, amount: "1.00"));

        Assert.Equal(OrderOutcome.None, paid.Outcome);
        Assert.True(scenario.Order.AmountMismatch);
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "amount.mismatch");
    }

    [Fact]
    public void Amounts_are_compared_as_decimals()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(amount: "100.00"));

        Assert.Equal(OrderOutcome.Grant, scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, amount: "100.000000")).Outcome);
    }

    [Fact]
    public void A_second_registration_with_other_details_does_not_replace_the_first()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(user: "first"));
        var second = scenario.Register(OrderScenario.Placed(user: "second"));

        Assert.NotEqual(Disposition.Applied, second.Disposition);
        Assert.Equal("first", scenario.Order.UserId);
    }

    [Fact]
    public void Every_event_is_in_the_timeline_applied_or_not()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));
        scenario.Apply(OrderScenario.Fact(OrderStatus.Started));

        Assert.Equal(
            ["order.placed", "payment.paid", "order.granted", "payment.started"],
            scenario.Order.Timeline.Select(e => e.Event).ToArray());
    }
}

public class When_a_registration_disagrees_with_an_order_already_granted
{
    [Fact]
    public void Should_keep_the_granted_details_and_record_the_conflict_for_an_operator()
    {
        var scenario = new OrderScenario();
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, user: "alice", amount: "9.99", items: [new Payments.Contracts.OrderItem { Sku = "sword", Quantity = 1 }]));
        Assert.True(scenario.Order.Granted);

        var late = scenario.Register(OrderScenario.Placed(user: "bob", amount: "10.99", sku: "shield"));

        Assert.Equal(OrderOutcome.None, late.Outcome);
        Assert.Equal("alice", scenario.Order.UserId);
        Assert.Equal("sword", Assert.Single(scenario.Order.Items).Sku);
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "conflict.user" && e.Reason!.Contains("operator review", StringComparison.Ordinal));
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "amount.mismatch" && e.Reason!.Contains("already granted", StringComparison.Ordinal));
    }
}
