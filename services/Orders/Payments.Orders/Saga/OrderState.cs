using MassTransit;
using Payments.Contracts;

namespace Payments.Orders.Saga;

/// <summary>The order saga's instance: facts collected from every event, in any order.</summary>
public sealed class OrderState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    /// <summary>The saga state name: Initial, or an <see cref="Lifecycle.OrderStatus"/> name.</summary>
    public string CurrentState { get; set; } = "Initial";

    public string Provider { get; set; } = "";
    public string Account { get; set; } = "";
    public string Environment { get; set; } = "";
    public string ProviderOrderId { get; set; } = "";

    public string? UserId { get; set; }
    public List<OrderItem> Items { get; set; } = [];

    /// <summary>True once <c>POST /orders</c> registered the order: its user, items and amount win.</summary>
    public bool Registered { get; set; }

    /// <summary>
    /// The user and items as <c>POST /orders</c> gave them — equal to <see cref="UserId"/> and <see cref="Items"/>
    /// unless the provider's details were granted before the registration came.
    /// </summary>
    public string? RegisteredUserId { get; set; }
    public List<OrderItem> RegisteredItems { get; set; } = [];
    public string? RegisteredAmount { get; set; }
    public string? Currency { get; set; }
    public string? PaidAmount { get; set; }

    /// <summary>Set when a paid amount (or its currency) differs from the registered one: the grant waits for an operator.</summary>
    public bool AmountMismatch { get; set; }

    /// <summary>The registration's currency and the provider's, kept apart so they can be compared.</summary>
    public string? RegisteredCurrency { get; set; }
    public string? PaidCurrency { get; set; }

    /// <summary>What the provider said was bought (first statement), to compare with the registration.</summary>
    public List<OrderItem> ProviderItems { get; set; } = [];

    /// <summary>Whether <see cref="ProviderItems"/> carry real quantities (else only the skus are compared).</summary>
    public bool ProviderQuantitiesStated { get; set; }

    /// <summary>Set when the provider's items differ from the registered ones: the grant waits for an operator.</summary>
    public bool ItemMismatch { get; set; }

    /// <summary>How an operator settled a blocked order: <c>grant-as-registered</c>, <c>grant-as-paid</c> or <c>cancel</c>.</summary>
    public string? Resolution { get; set; }

    public bool Granted { get; set; }
    public bool Revoked { get; set; }

    /// <summary>The source events that produced the grant and the revocation, for re-emission on redelivery.</summary>
    public string? GrantTrigger { get; set; }
    public string? RevokeTrigger { get; set; }

    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>Entries not kept because the timeline reached <see cref="Lifecycle.OrderLifecycle.TimelineCap"/> (events that moved nothing).</summary>
    public int TimelineFolded { get; set; }

    public OrderReference Reference() => new()
    {
        Provider = Provider,
        Account = Account,
        Environment = Environment,
        ProviderOrderId = ProviderOrderId,
    };
}
