using Payments.Orders.Lifecycle;

namespace Payments.Orders.Tests;

/// <summary>A retry storm or a replayed capture cannot grow an order without limit: repeats are counted, the timeline is capped.</summary>
public sealed class TimelineFoldingTests
{
    [Fact]
    public void Duplicates_of_one_event_are_counted_on_its_entry_not_appended()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        for (var i = 0; i < 500; i++)
        {
            scenario.Apply(OrderScenario.Fact(OrderStatus.Paid));
            scenario.Register(OrderScenario.Placed());
        }

        var paid = Assert.Single(scenario.Order.Timeline, e => e.Event == "payment.paid");
        Assert.Equal(499, paid.Duplicates);
        Assert.True(paid.Applied);
        Assert.NotNull(paid.LastDuplicateAt);
        var placed = Assert.Single(scenario.Order.Timeline, e => e.Event == "order.placed");
        Assert.Equal(500, placed.Duplicates);
        Assert.Equal(3, scenario.Order.Timeline.Count); // placed, paid, granted
        Assert.Equal(500, scenario.Count(OrderOutcome.Grant)); // the grant, then each duplicate of its event re-emits it
    }

    [Fact]
    public void Repeated_refusals_of_the_same_kind_fold_too()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed(user: "first"));
        for (var i = 0; i < 50; i++)
        {
            scenario.Register(OrderScenario.Placed(user: $"intruder-{i}"));
        }

        var refused = Assert.Single(scenario.Order.Timeline, e => e.Event == "order.placed" && !e.Applied);
        Assert.Equal(49, refused.Duplicates);
        Assert.Equal("first", scenario.Order.UserId);
    }

    [Fact]
    public void Past_the_cap_entries_that_moved_nothing_are_only_counted_and_moves_are_still_kept()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        scenario.Apply(OrderScenario.Fact(OrderStatus.Refunded));

        // Distinct provider events that a refunded order refuses: each its own entry, until the cap.
        for (var i = 0; i < OrderLifecycle.TimelineCap + 40; i++)
        {
            scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, source: $"late-{i}"));
        }

        Assert.Equal(OrderLifecycle.TimelineCap, scenario.Order.Timeline.Count);
        Assert.Equal(42, scenario.Order.TimelineFolded); // 2 entries before the loop: placed and refunded
        Assert.Equal(OrderStatus.Refunded, scenario.Status);
    }

    [Fact]
    public void A_status_move_is_recorded_even_on_a_full_timeline()
    {
        var scenario = new OrderScenario();
        scenario.Register(OrderScenario.Placed());
        for (var i = 0; i < OrderLifecycle.TimelineCap; i++)
        {
            scenario.Apply(OrderScenario.Fact(OrderStatus.Placed, source: $"noise-{i}"));
        }

        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, source: "the-payment"));

        Assert.Equal(OrderStatus.Paid, scenario.Status);
        Assert.Contains(scenario.Order.Timeline, e => e.Source == "the-payment" && e.Applied);
        Assert.Contains(scenario.Order.Timeline, e => e.Event == "order.granted");
    }

    [Fact]
    public void An_order_granted_before_it_was_registered_takes_the_same_registration_again_as_a_duplicate()
    {
        var scenario = new OrderScenario();
        scenario.Apply(OrderScenario.Fact(OrderStatus.Paid, user: "provider-user", items: [new Payments.Contracts.OrderItem { Sku = "shield", Quantity = 1 }]));
        Assert.True(scenario.Order.Granted);

        var registration = OrderScenario.Placed(user: "game-user", sku: "sword");
        scenario.Register(registration);
        Assert.True(OrderLifecycle.SameRegistration(scenario.Order, registration));
        var again = scenario.Register(registration);

        Assert.Equal(Disposition.Duplicate, again.Disposition);
        Assert.Equal("game-user", OrderLifecycle.RegisteredUser(scenario.Order));
        Assert.Equal("provider-user", scenario.Order.UserId); // the grant stands
        Assert.False(OrderLifecycle.SameRegistration(scenario.Order, OrderScenario.Placed(user: "provider-user", sku: "shield")));
    }
}
