using System.Globalization;
using Payments.Contracts;
using Payments.Scenarios.Running;
using Payments.Scenarios.Providers;
using Payments.Simulator;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.RuStore;
using Payments.Simulator.Xsolla;

namespace Payments.Bench;

/// <summary>Valid notifications of all three providers, one new purchase per index (provider = index mod 3), built by the provider simulator (tools/Payments.Simulator).</summary>
internal sealed class Notifications(string run, int block)
{
    private static readonly ProviderSecrets Secrets = DistributedSystem.Secrets;
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly long _numericBase = 100_000_000L + (block * 10_000_000L);

    public static string Account => Secrets.Account;

    public static string ProviderOf(long index) => PaymentProviders.All[(int)(index % 3)];

    public string User(long index, int users) => $"{run}-u{index % users}";

    /// <summary>The reference of the order of <paramref name="index"/> (what Normalizer derives the order id from).</summary>
    public OrderReference Reference(long index) => new()
    {
        Provider = ProviderOf(index),
        Account = Account,
        Environment = PaymentEnvironments.Production,
        ProviderOrderId = ProviderOf(index) switch
        {
            PaymentProviders.RuStore => $"{run}-rs-{index}",
            _ => (_numericBase + index).ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>RuStore and RoboKassa name no items: the game registers those orders first. Xsolla names user and items.</summary>
    public static bool NeedsRegistration(long index) => ProviderOf(index) != PaymentProviders.Xsolla;

    public ProviderRequest Registration(long index, string userId) => OrderRequests.Place(Reference(index), new OrderRegistration
    {
        UserId = userId,
        Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
        Amount = ProviderOf(index) == PaymentProviders.RoboKassa ? "9.99" : null,
        Currency = ProviderOf(index) == PaymentProviders.RoboKassa ? "RUB" : null,
    });

    /// <summary>The paid notification of purchase <paramref name="index"/>: RuStore confirmed, Xsolla payment, RoboKassa ResultURL.</summary>
    public ProviderRequest Paid(long index, string userId)
    {
        var reference = Reference(index);
        return reference.Provider switch
        {
            PaymentProviders.RuStore => RuStoreNotifications.Notification(
                Account,
                Secrets.RuStoreKey,
                RuStoreNotifications.InvoiceStatusPlaintext(new RuStoreInvoiceStatus
                {
                    InvoiceId = $"{run}-inv-{index}",
                    OrderId = reference.ProviderOrderId,
                    ProductCode = "sword",
                    StatusNew = "confirmed",
                    StatusOld = "executed",
                    ChangeStatusTime = RuStoreNotifications.Time(Time),
                    PurchaseId = $"{run}-p-{index}",
                    PurchaseToken = "token",
                }),
                notificationId: $"{run}-n-{index}",
                timestamp: Time),
            PaymentProviders.Xsolla => XsollaWebhooks.Webhook(Account, Secrets.XsollaSecret, XsollaWebhooks.Payment, new XsollaPurchase
            {
                InvoiceId = reference.ProviderOrderId,
                OrderId = _numericBase + index,
                UserId = userId,
                Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
                Amount = 9.99m,
            }),
            _ => RoboKassaCalls.Result(
                Account, ScenarioRoboKassa.Payment(_numericBase + index, 9.99m, userId), Secrets.RoboKassaPassword2, Secrets.RoboKassaHashAlgorithm),
        };
    }
}
