using Payments.Contracts.Orders;

namespace Payments.Orders.Tests.Saga;

/// <summary>
/// One spec per row of the transition table (docs/lifecycle.md#transitions) on the real state machine: from each status, each
/// event either moves the order or is ignored and recorded.
/// </summary>
public class OrderSagaTransitionSpecs
{
    /// <param name="history">Events delivered first to reach the starting status.</param>
    [Theory]
    [InlineData("placed", "started", "Started", true)]
    [InlineData("placed", "authorized", "Authorized", true)]
    [InlineData("placed", "succeeded", "Paid", true)]
    [InlineData("placed", "failed", "Failed", true)]
    [InlineData("placed", "reversed", "Reversed", true)]
    [InlineData("placed", "refunded", "Refunded", true)]
    [InlineData("placed,started", "authorized", "Authorized", true)]
    [InlineData("placed,started", "succeeded", "Paid", true)]
    [InlineData("placed,started", "failed", "Failed", true)]
    [InlineData("placed,authorized", "succeeded", "Paid", true)]
    [InlineData("placed,authorized", "reversed", "Reversed", true)]
    [InlineData("placed,authorized", "failed", "Failed", true)]
    [InlineData("placed,authorized", "refunded", "Refunded", true)]
    [InlineData("placed,authorized", "started", "Authorized", false)]
    [InlineData("placed,succeeded", "refunded", "Refunded", true)]
    [InlineData("placed,succeeded", "started", "Paid", false)]
    [InlineData("placed,succeeded", "authorized", "Paid", false)]
    [InlineData("placed,succeeded", "failed", "Paid", false)]
    [InlineData("placed,succeeded", "reversed", "Paid", false)]
    [InlineData("placed,failed", "succeeded", "Failed", false)]
    [InlineData("placed,failed", "refunded", "Failed", false)]
    [InlineData("placed,reversed", "succeeded", "Reversed", false)]
    [InlineData("placed,reversed", "refunded", "Reversed", false)]
    [InlineData("placed,refunded", "succeeded", "Refunded", false)]
    [InlineData("placed,refunded", "reversed", "Refunded", false)]
    public async Task Each_event_from_each_status(string history, string delivered, string expectedStatus, bool applied)
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        foreach (var step in history.Split(','))
        {
            await Deliver(saga, step);
        }

        var before = saga.Order.Timeline.Count;
        await Deliver(saga, delivered);

        Assert.Equal(expectedStatus, saga.Status);
        var entry = saga.Order.Timeline[before];
        Assert.Equal(applied, entry.Applied);
        if (!applied)
        {
            Assert.False(string.IsNullOrEmpty(entry.Reason));
        }
    }

    [Fact]
    public async Task Any_event_may_create_the_order()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        await saga.Refunded();

        Assert.Equal("Refunded", saga.Status);
        Assert.Equal(0, await saga.PublishedCount<OrderPaid>());
    }

    [Fact]
    public async Task A_partial_refund_is_recorded_and_changes_nothing()
    {
        await using var saga = await OrderSagaHarness.StartAsync("xsolla");
        await saga.Placed();
        await saga.Succeeded();
        await saga.PartiallyRefunded();

        Assert.Equal("Paid", saga.Status);
        Assert.False(saga.Order.Revoked);
        Assert.Contains(saga.Order.Timeline, e => e.Event == "payment.partially_refunded" && !e.Applied);
        Assert.Equal(0, await saga.PublishedCount<OrderRevoked>());
    }

    internal static Task Deliver(OrderSagaHarness saga, string step) => step switch
    {
        "placed" => saga.Placed(),
        "started" => saga.Started(),
        "authorized" => saga.Authorized(),
        "succeeded" => saga.Succeeded(),
        "failed" => saga.Failed(),
        "reversed" => saga.Reversed(),
        "refunded" => saga.Refunded(),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown step"),
    };
}
