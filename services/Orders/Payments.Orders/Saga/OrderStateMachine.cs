using MassTransit;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;
using Payments.Orders.Lifecycle;

namespace Payments.Orders.Saga;

/// <summary>
/// One saga per order (provider, account, environment, provider order id); the transition table of
/// docs/lifecycle.md. Any event may create the order. While it is open (placed, started, authorized) a payment event
/// moves it forward or to a terminal outcome; once paid, only a refund moves it; a failed, reversed or refunded order
/// never moves again. In every state <see cref="OrderLifecycle"/> decides what the event means — whether it moves the
/// order (<c>IfMoved</c>), is a duplicate or is ignored — and records it; <c>Announce</c> publishes the status change
/// and the grant or revocation it calls for. Unlisted combinations do not exist: every state handles every event.
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

        // The first event creates the order in the status it names; events that name none leave it placed.
        Initially(
            When(OrderPlaced).Register().TransitionTo(Placed).Announce(),
            When(PaymentStarted).Apply().TransitionTo(Started).Announce(),
            When(PaymentAuthorized).Apply().TransitionTo(Authorized).Announce(),
            When(PaymentSucceeded).Apply().TransitionTo(Paid).Announce(),
            When(PaymentFailed).Apply().TransitionTo(Failed).Announce(),
            When(PaymentReversed).Apply().TransitionTo(Reversed).Announce(),
            When(PaymentRefunded).Apply().TransitionTo(Refunded).Announce(),
            When(PaymentPartiallyRefunded).Note().TransitionTo(Placed).Announce(),
            When(OrderResolutionRequested).Resolve().TransitionTo(Placed).Announce());

        // Open: forward only (started → authorized → paid; a repeated or earlier status is recorded, not taken), and
        // every terminal outcome is reachable, because providers deliver in any order.
        During(
            Placed, Started, Authorized,
            When(OrderPlaced).Register().Announce(),
            When(PaymentStarted).Apply().IfMoved(then => then.TransitionTo(Started)).Announce(),
            When(PaymentAuthorized).Apply().IfMoved(then => then.TransitionTo(Authorized)).Announce(),
            When(PaymentSucceeded).Apply().IfMoved(then => then.TransitionTo(Paid)).Announce(),
            When(PaymentFailed).Apply().IfMoved(then => then.TransitionTo(Failed)).Announce(),
            When(PaymentReversed).Apply().IfMoved(then => then.TransitionTo(Reversed)).Announce(),
            When(PaymentRefunded).Apply().IfMoved(then => then.TransitionTo(Refunded)).Announce(),
            When(PaymentPartiallyRefunded).Note().Announce(),
            When(OrderResolutionRequested).Resolve().Announce());

        // Paid: money was taken; only a refund undoes it (and revokes the grant). Earlier statuses, a failure or a
        // released hold arriving now are recorded and ignored; the paid event again is a duplicate.
        During(
            Paid,
            When(OrderPlaced).Register().Announce(),
            When(PaymentStarted).Apply().Announce(),
            When(PaymentAuthorized).Apply().Announce(),
            When(PaymentSucceeded).Apply().Announce(),
            When(PaymentFailed).Apply().Announce(),
            When(PaymentReversed).Apply().Announce(),
            When(PaymentRefunded).Apply().IfMoved(then => then.TransitionTo(Refunded)).Announce(),
            When(PaymentPartiallyRefunded).Note().Announce(),
            When(OrderResolutionRequested).Resolve().Announce());

        // Terminal: nothing moves the order again. Events are still recorded (a redelivered trigger re-publishes its
        // revocation), and a registration can still arrive late.
        During(
            Failed, Reversed, Refunded,
            When(OrderPlaced).Register().Announce(),
            When(PaymentStarted).Apply().Announce(),
            When(PaymentAuthorized).Apply().Announce(),
            When(PaymentSucceeded).Apply().Announce(),
            When(PaymentFailed).Apply().Announce(),
            When(PaymentReversed).Apply().Announce(),
            When(PaymentRefunded).Apply().Announce(),
            When(PaymentPartiallyRefunded).Note().Announce(),
            When(OrderResolutionRequested).Resolve().Announce());
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

    /// <summary>The <see cref="OrderStatus"/> a state stands for; null for MassTransit's Initial and Final.</summary>
    public static OrderStatus? StatusOf(State state) =>
        Enum.TryParse<OrderStatus>(state.Name, ignoreCase: false, out var status) ? status : null;
}
