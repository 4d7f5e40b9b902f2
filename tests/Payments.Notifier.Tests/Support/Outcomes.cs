using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;

namespace Payments.Notifier.Tests.Support;

/// <summary>The outcomes the Notifier consumes, as Entitlements and Orders publish them.</summary>
internal static class Outcomes
{
    public static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static EntitlementGranted Granted(string providerOrderId, string sku = "gems_100", string account = "demo", string environment = "production") => new()
    {
        OrderId = Reference(providerOrderId, account, environment).ToOrderId(),
        UserId = $"player-{providerOrderId}",
        Sku = sku,
        Quantity = 1,
        Provider = "rustore",
        Account = account,
        Environment = environment,
        GrantedAt = At,
    };

    public static EntitlementRevoked Revoked(string providerOrderId, string sku = "gems_100") => new()
    {
        OrderId = Reference(providerOrderId, "demo", "production").ToOrderId(),
        UserId = $"player-{providerOrderId}",
        Sku = sku,
        Quantity = 1,
        Provider = "rustore",
        Account = "demo",
        Environment = "production",
        Reason = "refunded",
        RevokedAt = At.AddMinutes(5),
    };

    public static OrderStatusChanged StatusChanged(string providerOrderId, string from, string to) => new()
    {
        OrderId = Reference(providerOrderId, "demo", "production").ToOrderId(),
        Order = Reference(providerOrderId, "demo", "production"),
        PreviousStatus = from,
        Status = to,
        ChangedAt = At,
    };

    /// <summary>The MessageId Entitlements derives for a grant (its re-publications carry the same one).</summary>
    public static Guid GrantId(EntitlementGranted grant) => NameBasedGuid.Create(NameBasedGuid.Derived, $"{grant.OrderId}/{grant.Sku}/granted");

    public static OrderReference Reference(string providerOrderId, string account, string environment) => new()
    {
        Provider = "rustore",
        Account = account,
        Environment = environment,
        ProviderOrderId = providerOrderId,
    };
}
