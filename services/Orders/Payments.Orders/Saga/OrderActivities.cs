using MassTransit;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;
using Payments.Orders.Lifecycle;

using Payments.ServiceDefaults.Warmup;

namespace Payments.Orders.Saga;

/// <summary>
/// The state machine's verbs, so its rules read like the transition table: <c>Apply</c>, <c>Note</c>,
/// <c>Register</c> and <c>Resolve</c> ask <see cref="OrderLifecycle"/> what the event means, <c>IfMoved</c> runs the
/// transition only when the lifecycle moved the order, <c>Announce</c> publishes what the decision calls for.
/// </summary>
internal static class OrderActivities
{
    public static EventActivityBinder<OrderState, PaymentStarted> Apply(this EventActivityBinder<OrderState, PaymentStarted> binder) =>
        binder.Apply(m => Fact(m.Order, m.Payment, OrderStatus.Started, TimelineEvents.PaymentStarted));

    public static EventActivityBinder<OrderState, PaymentAuthorized> Apply(this EventActivityBinder<OrderState, PaymentAuthorized> binder) =>
        binder.Apply(m => Fact(m.Order, m.Payment, OrderStatus.Authorized, TimelineEvents.PaymentAuthorized));

    public static EventActivityBinder<OrderState, PaymentSucceeded> Apply(this EventActivityBinder<OrderState, PaymentSucceeded> binder) =>
        binder.Apply(m => Fact(m.Order, m.Payment, OrderStatus.Paid, TimelineEvents.PaymentSucceeded));

    public static EventActivityBinder<OrderState, PaymentFailed> Apply(this EventActivityBinder<OrderState, PaymentFailed> binder) =>
        binder.Apply(m => Fact(m.Order, m.Payment, OrderStatus.Failed, TimelineEvents.PaymentFailed, m.Reason));

    public static EventActivityBinder<OrderState, PaymentReversed> Apply(this EventActivityBinder<OrderState, PaymentReversed> binder) =>
        binder.Apply(m => Fact(m.Order, m.Payment, OrderStatus.Reversed, TimelineEvents.PaymentReversed));

    public static EventActivityBinder<OrderState, PaymentRefunded> Apply(this EventActivityBinder<OrderState, PaymentRefunded> binder) =>
        binder.Apply(m => Fact(m.Order, m.Payment, OrderStatus.Refunded, TimelineEvents.PaymentRefunded, m.Reason));

    /// <summary>A partial refund: recorded for an operator, items are kept.</summary>
    public static EventActivityBinder<OrderState, PaymentPartiallyRefunded> Note(this EventActivityBinder<OrderState, PaymentPartiallyRefunded> binder) =>
        binder.Decide(TimelineEvents.PaymentPartiallyRefunded, context =>
            OrderLifecycle.Note(context.Saga, context.Message.Order, context.Message.Payment, TimelineEvents.PaymentPartiallyRefunded, "partial refund recorded; items are kept", DateTimeOffset.UtcNow));

    public static EventActivityBinder<OrderState, OrderPlaced> Register(this EventActivityBinder<OrderState, OrderPlaced> binder) =>
        binder.Decide(TimelineEvents.OrderPlaced, context => OrderLifecycle.Register(context.Saga, context.Message, DateTimeOffset.UtcNow));

    public static EventActivityBinder<OrderState, OrderResolutionRequested> Resolve(this EventActivityBinder<OrderState, OrderResolutionRequested> binder) =>
        binder.Decide(TimelineEvents.OrderResolved, context => OrderLifecycle.Resolve(context.Saga, context.Message, DateTimeOffset.UtcNow));

    /// <summary>Runs <paramref name="transition"/> only when the lifecycle moved the order (not on a duplicate or an ignored event).</summary>
    public static EventActivityBinder<OrderState, T> IfMoved<T>(
        this EventActivityBinder<OrderState, T> binder,
        Func<EventActivityBinder<OrderState, T>, EventActivityBinder<OrderState, T>> transition)
        where T : class =>
        binder.If(context => Decided(context).Decision.Moved, transition);

    /// <summary>
    /// Counts the decision and publishes what it calls for, after the transition. The saga endpoint runs an in-memory
    /// outbox, so these leave only after the order row is committed; message ids are derived from the order so a
    /// re-emission is the same message.
    /// </summary>
    public static EventActivityBinder<OrderState, T> Announce<T>(this EventActivityBinder<OrderState, T> binder)
        where T : class =>
        binder.ThenAsync(context => Publish(context, Decided(context)));

    private static EventActivityBinder<OrderState, T> Apply<T>(this EventActivityBinder<OrderState, T> binder, Func<T, PaymentFact> fact)
        where T : class =>
        binder.Then(context =>
        {
            var payment = fact(context.Message);
            Remember(context, payment.EventName, OrderLifecycle.Apply(context.Saga, payment, DateTimeOffset.UtcNow));
        });

    private static EventActivityBinder<OrderState, T> Decide<T>(this EventActivityBinder<OrderState, T> binder, string eventName, Func<BehaviorContext<OrderState, T>, LifecycleDecision> decide)
        where T : class =>
        binder.Then(context => Remember(context, eventName, decide(context)));

    /// <summary>Keeps the decision for the activities after the deciding one (set on every attempt, so a retry never sees a stale one).</summary>
    private static void Remember<T>(BehaviorContext<OrderState, T> context, string eventName, LifecycleDecision decision)
        where T : class =>
        context.GetOrAddPayload(() => new DecidedEvent()).Set(eventName, decision);

    private static PaymentFact Fact(OrderReference order, PaymentDetails payment, OrderStatus target, string name, string? reason = null) =>
        new() { Order = order, Payment = payment, Target = target, EventName = name, Reason = reason };

    private static DecidedEvent Decided<T>(BehaviorContext<OrderState, T> context)
        where T : class =>
        context.TryGetPayload<DecidedEvent>(out var decided) && decided.Decision is not null
            ? decided
            : throw new InvalidOperationException($"No lifecycle decision for {typeof(T).Name}: the state machine must decide before it moves or announces.");

    private static async Task Publish<T>(BehaviorContext<OrderState, T> context, DecidedEvent decided)
        where T : class
    {
        var order = context.Saga;
        var decision = decided.Decision;

        // The machine and the lifecycle must agree on where the order is; a disagreement is a bug in the table, and
        // failing the message (retried, then dead-lettered) beats committing an order in a status the rules never chose.
        if (!string.Equals(order.CurrentState, decision.Target.ToString(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{decided.EventName}: the lifecycle decided {decision.Target} ({decision.Disposition}) but the state machine left the order {order.CurrentState}.");
        }

        if (!Rehearsal.IsMarked(context))
        {
            OrderMetrics.Record(order.Provider, decided.EventName, decision);
        }

        // The move this event made, or, for a duplicate of the event that made one, the same move again: a crash
        // between the commit and the publish must not lose the announcement for good.
        if (decision.Move is { } move)
        {
            await context.Publish(
                new OrderStatusChanged
                {
                    OrderId = order.CorrelationId,
                    Order = order.Reference(),
                    PreviousStatus = move.From,
                    Status = move.To,
                    ChangedAt = move.At,
                },
                publish => publish.MessageId = DerivedId(order, $"status/{Enum.Parse<OrderStatus>(move.To, ignoreCase: true)}"));
        }

        switch (decision.Outcome)
        {
            case OrderOutcome.Grant:
                await context.Publish(
                    new OrderPaid
                    {
                        OrderId = order.CorrelationId,
                        Order = order.Reference(),
                        UserId = order.UserId!,
                        Items = order.Items,
                        PaidAt = order.PaidAt ?? order.UpdatedAt,
                    },
                    publish => publish.MessageId = DerivedId(order, "paid"));
                break;
            case OrderOutcome.Revoke:
                await context.Publish(
                    new OrderRevoked
                    {
                        OrderId = order.CorrelationId,
                        Order = order.Reference(),
                        UserId = order.UserId!,
                        Items = order.Items,
                        Reason = OrderTransitions.Lower(decision.Target),
                        RevokedAt = order.UpdatedAt,
                    },
                    publish => publish.MessageId = DerivedId(order, "revoked"));
                break;
        }
    }

    private static Guid DerivedId(OrderState order, string what) =>
        NameBasedGuid.Create(NameBasedGuid.Derived, $"{order.CorrelationId}/{what}");

    /// <summary>The decision for the event being handled, from the deciding activity to the ones after it.</summary>
    private sealed class DecidedEvent
    {
        public string EventName { get; private set; } = "";

        public LifecycleDecision Decision { get; private set; } = null!;

        public void Set(string eventName, LifecycleDecision decision)
        {
            EventName = eventName;
            Decision = decision;
        }
    }
}
