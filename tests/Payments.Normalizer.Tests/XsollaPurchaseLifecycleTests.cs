using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Normalizer.Xsolla;
using Payments.Orders.Lifecycle;
using Payments.Orders.Saga;
using static Payments.Testing.XsollaFixtureMessages;

namespace Payments.Normalizer.Tests;

/// <summary>The mapped webhooks of one Xsolla purchase, in separate mode, applied to one order as the saga applies them.</summary>
public class XsollaPurchaseLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Payment_then_order_paid_grants_once_and_records_order_paid_as_paid_cannot_follow_paid()
    {
        var payment = XsollaNotificationMapper.Map(Payment(), Now);
        var orderPaid = XsollaNotificationMapper.Map(OrderPaid(o => o with { UserId = "1234567" }), Now);
        var order = new OrderState { CorrelationId = payment.OrderId };

        var first = Take(order, OrderLifecycle.Apply(order, Succeeded(payment), Now));
        var second = Take(order, OrderLifecycle.Apply(order, Succeeded(orderPaid), Now));

        Assert.Equal(OrderOutcome.Grant, first.Outcome);
        Assert.NotEqual(Disposition.Applied, second.Disposition);
        Assert.Equal(OrderOutcome.None, second.Outcome);
        Assert.Equal(OrderStatus.Paid, OrderLifecycle.StatusOf(order));
        Assert.Contains(order.Timeline, e => e.Source == "xsolla:order_paid:1" && !e.Applied && e.Reason == "paid cannot follow paid");
    }

    [Fact]
    public void Refund_then_order_canceled_revokes_once()
    {
        var order = new OrderState { CorrelationId = XsollaNotificationMapper.Map(Payment(), Now).OrderId };
        Take(order, OrderLifecycle.Apply(order, Succeeded(XsollaNotificationMapper.Map(Payment(), Now)), Now));

        var refund = Take(order, OrderLifecycle.Apply(order, Refunded(XsollaNotificationMapper.Map(Refund(), Now)), Now));
        var canceled = Take(order, OrderLifecycle.Apply(order, Refunded(XsollaNotificationMapper.Map(OrderCanceled(o => o with { UserId = "1234567" }), Now)), Now));

        Assert.Equal(OrderOutcome.Revoke, refund.Outcome);
        Assert.NotEqual(Disposition.Applied, canceled.Disposition);
        Assert.Equal(OrderOutcome.None, canceled.Outcome);
        Assert.Equal(OrderStatus.Refunded, OrderLifecycle.StatusOf(order));
    }

    private static PaymentFact Succeeded(PaymentSucceeded e) =>
        new() { Order = e.Order, Payment = e.Payment, Target = OrderStatus.Paid, EventName = "payment.succeeded" };

    private static PaymentFact Refunded(PaymentRefunded e) =>
        new() { Order = e.Order, Payment = e.Payment, Target = OrderStatus.Refunded, EventName = "payment.refunded", Reason = e.Reason };

    /// <summary>Moves the order to the decision's target, as the state machine's <c>TransitionTo</c> does.</summary>
    private static LifecycleDecision Take(OrderState order, LifecycleDecision decision)
    {
        order.CurrentState = decision.Target.ToString();
        return decision;
    }
}
