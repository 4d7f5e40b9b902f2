using Payments.Contracts;
using Payments.Orders.Lifecycle;
using Payments.Orders.Saga;

namespace Payments.Orders.Api;

/// <summary>Answer of a <c>POST /orders</c> refused with 409: a problem document carrying the registration that stands.</summary>
public sealed record RegistrationConflict
{
    public required string Title { get; init; }
    public required int Status { get; init; }
    public required string Detail { get; init; }
    public required Guid OrderId { get; init; }
    public required RegistrationView Registration { get; init; }
}

/// <summary>The registered details of an order, as <c>POST /orders</c> gave them.</summary>
public sealed record RegistrationView
{
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }

    public static RegistrationView From(OrderState order) => new()
    {
        UserId = OrderLifecycle.RegisteredUser(order),
        Items = OrderLifecycle.RegisteredItems(order),
        Amount = order.RegisteredAmount,
        Currency = order.Currency,
    };
}
