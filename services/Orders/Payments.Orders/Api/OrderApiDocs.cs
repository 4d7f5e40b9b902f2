using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Orders.Saga;

namespace Payments.Orders.Api;

/// <summary>Answer of <c>POST /orders</c>: the order's id, also the id the events carry.</summary>
public sealed record OrderAccepted(Guid OrderId);

/// <summary>Answer of <c>POST /orders/{…}/resolve</c>: the saga took the operator's decision.</summary>
public sealed record ResolutionAccepted(Guid OrderId, string Action);

/// <summary>The examples of the order API's OpenAPI document (README, HTTP interface).</summary>
internal static class OrderApiExamples
{
    private static readonly Guid OrderId = Guid.Parse("6f1c2a8e-5b1d-5c3e-9a47-2d0e8b7f4c11");
    private static readonly DateTimeOffset PlacedAt = new(2026, 12, 7, 10, 15, 0, TimeSpan.Zero);

    public static PlaceOrderRequest Place { get; } = new()
    {
        Provider = PaymentProviders.RuStore,
        Account = "demo",
        Environment = PaymentEnvironments.Production,
        ProviderOrderId = "order-42",
        UserId = "player-1",
        Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
        Amount = "100.00",
        Currency = "RUB",
    };

    public static OrderAccepted Accepted { get; } = new(OrderId);

    public static ResolveOrderRequest Resolve { get; } = new() { Action = OrderResolutionRequested.GrantAsRegistered };

    public static ResolutionAccepted Resolved { get; } = new(OrderId, OrderResolutionRequested.GrantAsRegistered);

    public static OrderSearchPage Page { get; } = new()
    {
        Orders =
        [
            new OrderSummary
            {
                OrderId = OrderId,
                Provider = PaymentProviders.RuStore,
                Account = "demo",
                Environment = PaymentEnvironments.Production,
                ProviderOrderId = "order-42",
                UserId = "player-1",
                Status = "paid",
                Amount = "100.00",
                PaidAmount = "100.00",
                Currency = "RUB",
                Granted = true,
                Revoked = false,
                Blocked = false,
                AwaitingDetails = false,
                CreatedAt = PlacedAt,
                UpdatedAt = PlacedAt.AddMinutes(2),
            },
        ],
        Next = new OrderCursor(PlacedAt.AddMinutes(2), OrderId).Encode(),
    };

    public static OrderView Order { get; } = new()
    {
        OrderId = OrderId,
        Provider = PaymentProviders.RuStore,
        Account = "demo",
        Environment = PaymentEnvironments.Production,
        ProviderOrderId = "order-42",
        Status = "paid",
        UserId = "player-1",
        Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
        Amount = "100.00",
        PaidAmount = "100.00",
        Currency = "RUB",
        Granted = true,
        Revoked = false,
        AwaitingDetails = false,
        AmountMismatch = false,
        ItemMismatch = false,
        Blocked = false,
        Timeline =
        [
            new TimelineEntry { At = PlacedAt, Event = "OrderPlaced", Source = "api", Applied = true, StatusChange = new StatusChange(null, "placed", PlacedAt) },
            new TimelineEntry
            {
                At = PlacedAt.AddMinutes(2),
                Event = "PaymentSucceeded",
                Source = "rustore:inv-42:confirmed",
                Applied = true,
                StatusChange = new StatusChange("placed", "paid", PlacedAt.AddMinutes(2)),
            },
        ],
        TimelineFolded = 0,
    };
}
