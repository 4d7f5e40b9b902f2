using MassTransit;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Orders.Lifecycle;

namespace Payments.Orders.Saga;

/// <summary>The state machine's verbs, so its rules read like the transition table.</summary>
internal static class OrderActivities
{
    public static EventActivityBinder<OrderState, T> Advance<T>(this EventActivityBinder<OrderState, T> binder, Func<T, PaymentFact> fact)
        where T : class =>
        binder.ThenAsync(context =>
        {
            var payment = fact(context.Message);
            return context.Settle(payment.EventName, OrderLifecycle.Apply(context.Saga, payment, DateTimeOffset.UtcNow));
        });

    public static EventActivityBinder<OrderState, T> RecordOnly<T>(this EventActivityBinder<OrderState, T> binder, Func<T, (OrderReference Order, PaymentDetails Payment)> details, string eventName, string reason)
        where T : class =>
        binder.ThenAsync(context =>
        {
            var (order, payment) = details(context.Message);
            return context.Settle(eventName, OrderLifecycle.Note(context.Saga, order, payment, eventName, reason, DateTimeOffset.UtcNow));
        });

    public static EventActivityBinder<OrderState, OrderResolutionRequested> ResolveOrder(this EventActivityBinder<OrderState, OrderResolutionRequested> binder) =>
        binder.ThenAsync(context => context.Settle("order.resolved", OrderLifecycle.Resolve(context.Saga, context.Message, DateTimeOffset.UtcNow)));

    public static EventActivityBinder<OrderState, OrderPlaced> RegisterOrder(this EventActivityBinder<OrderState, OrderPlaced> binder) =>
        binder.ThenAsync(context => context.Settle("order.placed", OrderLifecycle.Register(context.Saga, context.Message, DateTimeOffset.UtcNow)));

    /// <summary>
    /// Counts the decision and publishes what it calls for. The saga endpoint runs an in-memory outbox, so these leave
    /// only after the order row is committed; message ids are derived from the order so a re-emission is the same message.
    /// </summary>
    private static async Task Settle<T>(this BehaviorContext<OrderState, T> context, string eventName, LifecycleDecision decision)
        where T : class
    {
        var order = context.Saga;
        OrderMetrics.Record(order.Provider, eventName, decision);
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
                        Reason = order.CurrentState.ToLowerInvariant(),
                        RevokedAt = order.UpdatedAt,
                    },
                    publish => publish.MessageId = DerivedId(order, "revoked"));
                break;
        }
    }

    private static Guid DerivedId(OrderState order, string what) =>
        NameBasedGuid.Create(NameBasedGuid.Derived, $"{order.CorrelationId}/{what}");
}
