using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Orders.Lifecycle;
using Payments.Orders.Saga;

namespace Payments.Orders.Tests;

/// <summary>Builds events for one order and records what the lifecycle decided for each.</summary>
internal sealed class OrderScenario
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private int _clock;

    public static readonly OrderReference Reference = new() { Provider = "rustore", Account = "game", Environment = "production", ProviderOrderId = "o-1" };

    public OrderState Order { get; } = new() { CorrelationId = Reference.ToOrderId() };

    public List<OrderOutcome> Outcomes { get; } = [];

    public OrderStatus? Status => OrderLifecycle.StatusOf(Order);

    public static PaymentFact Fact(OrderStatus target, string? user = null, string? amount = null, string? source = null, IReadOnlyList<OrderItem>? items = null) => new()
    {
        Order = Reference,
        Target = target,
        EventName = $"payment.{target.ToString().ToLowerInvariant()}",
        Payment = new PaymentDetails
        {
            SourceEventId = source ?? $"rustore:inv:{target.ToString().ToLowerInvariant()}",
            OccurredAt = Start,
            UserId = user,
            Items = items,
            Amount = amount,
        },
    };

    public static OrderPlaced Placed(string user = "u-1", string? amount = null, string sku = "sword") => new()
    {
        OrderId = Reference.ToOrderId(),
        Order = Reference,
        UserId = user,
        Items = [new OrderItem { Sku = sku, Quantity = 2 }],
        Amount = amount,
        PlacedAt = Start,
    };

    public LifecycleDecision Apply(PaymentFact fact)
    {
        var decision = Order.Take(OrderLifecycle.Apply(Order, fact, Start.AddSeconds(++_clock)));
        Outcomes.Add(decision.Outcome);
        return decision;
    }

    public LifecycleDecision Register(OrderPlaced placed)
    {
        var decision = Order.Take(OrderLifecycle.Register(Order, placed, Start.AddSeconds(++_clock)));
        Outcomes.Add(decision.Outcome);
        return decision;
    }

    public int Count(OrderOutcome outcome) => Outcomes.Count(o => o == outcome);
}

/// <summary>What the state machine does with a decision, for tests that drive the lifecycle without a bus.</summary>
internal static class Transitions
{
    /// <summary>Moves the order to the decision's target, as the state machine's <c>TransitionTo</c> does.</summary>
    public static LifecycleDecision Take(this OrderState order, LifecycleDecision decision)
    {
        order.CurrentState = decision.Target.ToString();
        return decision;
    }
}
