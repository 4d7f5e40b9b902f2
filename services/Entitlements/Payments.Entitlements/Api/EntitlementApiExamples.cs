using Payments.Contracts;

namespace Payments.Entitlements.Api;

/// <summary>The examples of the entitlements API's OpenAPI document (README, HTTP interface).</summary>
internal static class EntitlementApiExamples
{
    private static readonly Guid OrderId = Guid.Parse("6f1c2a8e-5b1d-5c3e-9a47-2d0e8b7f4c11");
    private static readonly Guid RefundedOrderId = Guid.Parse("0b7d3e52-1f4a-5e6c-8d29-7a1c4f0e9b33");
    private static readonly DateTimeOffset GrantedAt = new(2026, 12, 7, 10, 17, 0, TimeSpan.Zero);

    public static UserEntitlementsView Active { get; } = new()
    {
        UserId = "player-1",
        Environment = PaymentEnvironments.Production,
        Items = [new EntitlementItem("sword", 1, OrderId, GrantedAt)],
        Totals = [new SkuTotal("sword", 1)],
    };

    public static EntitlementHistoryView History { get; } = new()
    {
        UserId = "player-1",
        Environment = PaymentEnvironments.Production,
        Grants =
        [
            new GrantHistoryLine
            {
                OrderId = RefundedOrderId, Sku = "shield", Quantity = 1, Provider = PaymentProviders.Xsolla, Account = "demo",
                GrantedAt = GrantedAt.AddDays(-3), Active = false, RevokedAt = GrantedAt.AddDays(-1), RevokeReason = "refunded",
            },
            new GrantHistoryLine
            {
                OrderId = OrderId, Sku = "sword", Quantity = 1, Provider = PaymentProviders.RuStore, Account = "demo", GrantedAt = GrantedAt, Active = true,
            },
        ],
    };
}
