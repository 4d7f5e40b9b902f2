using Payments.Contracts;
using Payments.Contracts.Orders;

namespace Payments.Entitlements.Tests.Support;

/// <summary>OrderPaid and OrderRevoked as the Orders saga publishes them, for orders made up by a test.</summary>
internal static class TestOrders
{
    public static readonly DateTimeOffset PaidAt = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RevokedAt = PaidAt.AddHours(1);

    public static OrderReference Reference(string providerOrderId, string environment = PaymentEnvironments.Production) => new()
    {
        Provider = PaymentProviders.RuStore,
        Account = "game",
        Environment = environment,
        ProviderOrderId = providerOrderId,
    };

    public static OrderPaid Paid(string userId, string providerOrderId, string environment = PaymentEnvironments.Production, params (string Sku, int Quantity)[] items)
    {
        var reference = Reference(providerOrderId, environment);
        return new OrderPaid
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            UserId = userId,
            Items = Items(items),
            PaidAt = PaidAt,
        };
    }

    public static OrderRevoked Revoked(OrderPaid paid, string reason = "refunded") => new()
    {
        OrderId = paid.OrderId,
        Order = paid.Order,
        UserId = paid.UserId,
        Items = paid.Items,
        Reason = reason,
        RevokedAt = RevokedAt,
    };

    public static OrderPlaced Placed(string userId, string providerOrderId)
    {
        var reference = Reference(providerOrderId);
        return new OrderPlaced
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            UserId = userId,
            Items = Items([("sword", 1)]),
            PlacedAt = PaidAt,
        };
    }

    private static List<OrderItem> Items((string Sku, int Quantity)[] items) =>
        (items.Length == 0 ? [("sword", 1)] : items).Select(i => new OrderItem { Sku = i.Sku, Quantity = i.Quantity }).ToList();
}
