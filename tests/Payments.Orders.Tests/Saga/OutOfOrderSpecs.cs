using Payments.Orders.Saga;
using Payments.Contracts.Orders;

namespace Payments.Orders.Tests.Saga;

public class When_a_refund_arrives_before_the_payment
{
    [Fact]
    public async Task Should_never_grant()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Placed();
        await saga.Refunded();
        await saga.Succeeded();

        Assert.Equal("Refunded", saga.Status);
        Assert.False(saga.Order.Granted);
        Assert.Equal(0, await saga.PublishedCount<OrderPaid>());
        Assert.Contains(saga.Order.Timeline, e => e.Event == "payment.succeeded" && !e.Applied);
    }
}

public class When_a_confirmation_arrives_after_the_refund
{
    [Fact]
    public async Task Should_grant_once_and_revoke_once()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Placed();
        await saga.Succeeded();
        await saga.Refunded();
        await saga.Succeeded("confirmed-late-copy");

        Assert.Equal("Refunded", saga.Status);
        Assert.Equal(1, await saga.PublishedCount<OrderPaid>());
        Assert.Equal(1, await saga.PublishedCount<OrderRevoked>());
    }
}

public class When_Xsolla_order_paid_arrives_before_payment
{
    [Fact]
    public async Task Should_grant_once_from_the_first_and_record_the_second()
    {
        await using var saga = await OrderSagaHarness.StartAsync("xsolla");
        await saga.Succeeded("xsolla:order_paid:1", user: "player", sku: "gold");
        await saga.Succeeded("xsolla:payment:1", user: "player", sku: "gold");

        Assert.Equal("Paid", saga.Status);
        Assert.Equal(1, await saga.PublishedCount<OrderPaid>());
        Assert.Contains(saga.Order.Timeline, e => e.Source == "xsolla:payment:1" && !e.Applied);
    }
}

public class When_RuStore_holds_then_reverses
{
    [Fact]
    public async Task Should_end_reversed_without_a_grant()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Placed();
        await saga.Authorized();
        await saga.Reversed();

        Assert.Equal("Reversed", saga.Status);
        Assert.Equal(0, await saga.PublishedCount<OrderPaid>());
    }
}

public class When_RuStore_confirms_then_a_reversal_arrives
{
    [Fact]
    public async Task Should_keep_the_order_paid_and_granted()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Placed();
        await saga.Succeeded();
        await saga.Reversed();

        Assert.Equal("Paid", saga.Status);
        Assert.Equal(1, await saga.PublishedCount<OrderPaid>());
        Assert.Equal(0, await saga.PublishedCount<OrderRevoked>());
    }
}

public class When_the_payment_arrives_before_the_order_is_registered
{
    [Fact]
    public async Task Should_wait_visibly_then_grant_on_registration()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Succeeded();

        Assert.Equal("Paid", saga.Status);
        Assert.Equal(0, await saga.PublishedCount<OrderPaid>());
        Assert.True(Payments.Orders.Lifecycle.OrderLifecycle.AwaitingDetails(saga.Order));

        await saga.Placed();
        Assert.Equal(1, await saga.PublishedCount<OrderPaid>());
    }
}

public class When_every_event_is_delivered_twice
{
    [Theory]
    [InlineData("placed,started,succeeded")]
    [InlineData("placed,authorized,succeeded,refunded")]
    [InlineData("placed,authorized,reversed")]
    [InlineData("placed,started,failed")]
    public async Task Should_end_as_with_single_delivery_and_re_emit_outcomes(string lifecycle)
    {
        await using var once = await OrderSagaHarness.StartAsync();
        await using var twice = await OrderSagaHarness.StartAsync();
        foreach (var step in lifecycle.Split(','))
        {
            await OrderSagaTransitionSpecs.Deliver(once, step);
            await OrderSagaTransitionSpecs.Deliver(twice, step);
            await OrderSagaTransitionSpecs.Deliver(twice, step);
        }

        Assert.Equal(once.Status, twice.Status);
        Assert.Equal(once.Order.Granted, twice.Order.Granted);
        Assert.Equal(once.Order.Revoked, twice.Order.Revoked);

        // A duplicate of the event that produced an outcome publishes the outcome again (same message id).
        Assert.Equal(2 * await once.PublishedCount<OrderPaid>(), await twice.PublishedCount<OrderPaid>());
        Assert.Equal(2 * await once.PublishedCount<OrderRevoked>(), await twice.PublishedCount<OrderRevoked>());
        Assert.Equal(2 * await once.PublishedCount<OrderStatusChanged>(), await twice.PublishedCount<OrderStatusChanged>());
        Assert.Equal(twice.Order.Timeline.Sum(e => e.Duplicates), lifecycle.Split(',').Length);
    }

    [Fact]
    public async Task Should_announce_a_status_move_again_as_the_same_message_while_the_order_is_still_there()
    {
        // A crash between the commit and the publish leaves the provider's retry (or the redelivery) to announce it.
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Placed();
        await saga.Succeeded();
        await saga.Succeeded();

        var moves = await saga.PublishedAsync<OrderStatusChanged>();
        Assert.Equal(["placed", "paid", "paid"], moves.Select(m => m.Message.Status));
        Assert.Equal(moves[1].MessageId, moves[2].MessageId);
        Assert.Equal(moves[1].Message, moves[2].Message);
        Assert.Equal(new StatusChange("placed", "paid", moves[1].Message.ChangedAt), saga.Order.Timeline.Single(e => e.Event == "payment.succeeded" && e.Applied).StatusChange);

        // Once the order moved on, the older move is not repeated: observers would see it go backwards.
        await saga.Refunded();
        await saga.Succeeded();
        Assert.Equal(["placed", "paid", "paid", "refunded"], (await saga.PublishedAsync<OrderStatusChanged>()).Select(m => m.Message.Status));
    }
}

public class When_the_same_order_id_is_used_in_sandbox_and_production
{
    [Fact]
    public async Task Should_be_two_orders()
    {
        await using var production = await OrderSagaHarness.StartAsync(environment: "production");
        await using var sandbox = await OrderSagaHarness.StartAsync(environment: "sandbox");

        Assert.NotEqual(production.OrderId, sandbox.OrderId);
        await sandbox.Placed();
        await sandbox.Succeeded();
        Assert.Equal("Paid", sandbox.Status);
        Assert.Equal("sandbox", sandbox.Order.Environment);
    }
}
