using MassTransit;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;
using Payments.Orders.Lifecycle;

namespace Payments.Orders.Saga;

/// <summary>
/// One saga per order (provider, account, environment, provider order id). Any event may create it; every event
/// is handled the same way in every state: <see cref="OrderLifecycle"/> decides whether it moves the order, and the
/// activities record it and publish the outcome. The table of allowed moves is <see cref="OrderTransitions"/>.
/// </summary>
public sealed class OrderStateMachine : MassTransitStateMachine<OrderState>
{
    public OrderStateMachine()
    {
        InstanceState(order => order.CurrentState);
        Event(() => OrderPlaced, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentStarted, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentAuthorized, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentSucceeded, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentFailed, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentReversed, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentRefunded, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PaymentPartiallyRefunded, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => OrderResolutionRequested, e => e.CorrelateById(m => m.Message.OrderId));

        Initially(Rules());
        DuringAny(Rules());
    }

    public State Placed { get; private set; } = null!;
    public State Started { get; private set; } = null!;
    public State Authorized { get; private set; } = null!;
    public State Paid { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Reversed { get; private set; } = null!;
    public State Refunded { get; private set; } = null!;

    public Event<OrderPlaced> OrderPlaced { get; private set; } = null!;
    public Event<PaymentStarted> PaymentStarted { get; private set; } = null!;
    public Event<PaymentAuthorized> PaymentAuthorized { get; private set; } = null!;
    public Event<PaymentSucceeded> PaymentSucceeded { get; private set; } = null!;
    public Event<PaymentFailed> PaymentFailed { get; private set; } = null!;
    public Event<PaymentReversed> PaymentReversed { get; private set; } = null!;
    public Event<PaymentRefunded> PaymentRefunded { get; private set; } = null!;
    public Event<PaymentPartiallyRefunded> PaymentPartiallyRefunded { get; private set; } = null!;
    public Event<OrderResolutionRequested> OrderResolutionRequested { get; private set; } = null!;

    private EventActivities<OrderState>[] Rules() =>
    [
        When(OrderPlaced).RegisterOrder(),
        When(PaymentStarted).Advance(m => Fact(m.Order, m.Payment, OrderStatus.Started, "payment.started")),
        When(PaymentAuthorized).Advance(m => Fact(m.Order, m.Payment, OrderStatus.Authorized, "payment.authorized")),
        When(PaymentSucceeded).Advance(m => Fact(m.Order, m.Payment, OrderStatus.Paid, "payment.succeeded")),
        When(PaymentFailed).Advance(m => Fact(m.Order, m.Payment, OrderStatus.Failed, "payment.failed", m.Reason)),
        When(PaymentReversed).Advance(m => Fact(m.Order, m.Payment, OrderStatus.Reversed, "payment.reversed")),
        When(PaymentRefunded).Advance(m => Fact(m.Order, m.Payment, OrderStatus.Refunded, "payment.refunded", m.Reason)),
        When(PaymentPartiallyRefunded).RecordOnly(m => (m.Order, m.Payment), "payment.partially_refunded", "partial refund recorded; items are kept"),
        When(OrderResolutionRequested).ResolveOrder(),
    ];

    private static PaymentFact Fact(Contracts.OrderReference order, Contracts.PaymentDetails payment, OrderStatus target, string name, string? reason = null) =>
        new() { Order = order, Payment = payment, Target = target, EventName = name, Reason = reason };
}
