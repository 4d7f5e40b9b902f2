using Payments.Testing;

namespace Payments.Orders.Tests.Saga;

public class When_an_order_sees_applied_repeated_and_late_events
{
    private const string Provider = "metrics-orders";

    [Fact]
    public async Task Should_count_each_as_a_transition_a_duplicate_or_an_ignored_event()
    {
        using var metrics = new MeasurementRecorder("payments.orders.", Provider);
        await using var saga = await OrderSagaHarness.StartAsync(Provider);

        await saga.Placed();
        await saga.Succeeded("confirmed-1");
        await saga.Succeeded("confirmed-1");   // the provider sends it again
        await saga.Started("executed-1");      // arrives after the payment
        await saga.Placed();                   // the game registers the same order again
        await saga.PartiallyRefunded();        // recorded, moves nothing: not counted
        await saga.Refunded("refunded-1");
        await saga.Failed("cancelled-1");      // after a terminal status

        Assert.Equal("Refunded", saga.Status);
        Assert.Equal(["status=paid", "status=placed", "status=refunded"], metrics.Describe("payments.orders.transitions", "status"));
        Assert.Equal(["event=order.placed", "event=payment.succeeded"], metrics.Describe("payments.orders.duplicates", "event"));
        Assert.Equal(
            ["event=payment.failed,status=refunded", "event=payment.started,status=paid"],
            metrics.Describe("payments.orders.ignored", "event", "status"));
    }
}

public class When_an_order_is_registered_twice_with_other_details
{
    private const string Provider = "metrics-orders-conflict";

    [Fact]
    public async Task Should_count_the_second_registration_as_ignored_not_as_a_duplicate()
    {
        using var metrics = new MeasurementRecorder("payments.orders.", Provider);
        await using var saga = await OrderSagaHarness.StartAsync(Provider);

        await saga.Placed(user: "user-1");
        await saga.Placed(user: "user-2");

        Assert.Equal(["status=placed"], metrics.Describe("payments.orders.transitions", "status"));
        Assert.Empty(metrics.Describe("payments.orders.duplicates"));
        Assert.Equal(["event=order.placed,status=placed"], metrics.Describe("payments.orders.ignored", "event", "status"));
    }
}
