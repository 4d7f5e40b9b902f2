using Payments.Contracts;
using Payments.Orders.Lifecycle;
using Payments.Orders.Saga;

namespace Payments.Orders.Api;

/// <summary>Answer of <c>GET /orders/{provider}/{account}/{providerOrderId}</c>.</summary>
public sealed record OrderView
{
    public required Guid OrderId { get; init; }
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string ProviderOrderId { get; init; }
    public required string Status { get; init; }
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? PaidAmount { get; init; }
    public string? Currency { get; init; }
    public required bool Granted { get; init; }
    public required bool Revoked { get; init; }
    public required bool AwaitingDetails { get; init; }
    public required bool AmountMismatch { get; init; }

    /// <summary>The provider's items differ from the registered ones.</summary>
    public required bool ItemMismatch { get; init; }

    /// <summary>A mismatch holds the grant until an operator resolves it (<c>POST …/resolve</c>).</summary>
    public required bool Blocked { get; init; }

    public string? Resolution { get; init; }
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    /// <summary>Entries that moved nothing and came after the timeline was full: counted, not kept.</summary>
    public required int TimelineFolded { get; init; }

    public static OrderView From(OrderState order) => new()
    {
        OrderId = order.CorrelationId,
        Provider = order.Provider,
        Account = order.Account,
        Environment = order.Environment,
        ProviderOrderId = order.ProviderOrderId,
        Status = order.CurrentState.ToLowerInvariant(),
        UserId = order.UserId,
        Items = order.Items,
        Amount = order.RegisteredAmount,
        PaidAmount = order.PaidAmount,
        Currency = order.Currency,
        Granted = order.Granted,
        Revoked = order.Revoked,
        AwaitingDetails = OrderLifecycle.AwaitingDetails(order),
        AmountMismatch = order.AmountMismatch,
        ItemMismatch = order.ItemMismatch,
        Blocked = OrderLifecycle.Blocked(order),
        Resolution = order.Resolution,
        Timeline = order.Timeline,
        TimelineFolded = order.TimelineFolded,
    };
}
