using System.Globalization;
using Payments.Cli.Secrets;
using Payments.Contracts;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.RuStore;
using Payments.Simulator.Xsolla;

namespace Payments.Cli.Notifications;

/// <summary>
/// Builds a correctly encrypted or signed notification of any provider from the resolved secrets, with the
/// provider simulator (tools/Payments.Simulator): the CLI only maps its options onto it.
/// </summary>
internal sealed class NotificationFactory(CliSettings settings, NotificationOptions options, TimeProvider clock)
{
    /// <summary>The RuStore event that is the console's connection check rather than an invoice status.</summary>
    public const string RuStoreTest = "test";

    public static readonly string[] RuStoreEvents = [.. RuStoreNotifications.Statuses, RuStoreTest];

    public PreparedNotification Build(string provider, string @event, Purchase purchase)
    {
        var now = clock.GetUtcNow();
        switch (provider)
        {
            case PaymentProviders.RuStore:
            {
                var key = RuStoreNotifications.ParseKey(settings.RuStoreKey(options.RuStoreKey, purchase.Sandbox));
                var plaintext = @event == RuStoreTest
                    ? RuStoreNotifications.TestEventPlaintext(purchase.Sandbox)
                    : RuStoreNotifications.InvoiceStatusPlaintext(
                        new RuStoreInvoiceStatus
                        {
                            InvoiceId = options.Invoice ?? $"inv-{purchase.Order}",
                            OrderId = purchase.Order,
                            ProductCode = purchase.Sku,
                            StatusNew = @event,
                            StatusOld = RuStoreNotifications.PreviousStatus(@event),
                            ChangeStatusTime = RuStoreNotifications.Time(now),
                            PurchaseId = $"pur-{purchase.Order}",
                            PurchaseToken = $"token-{purchase.Order}",
                        },
                        purchase.Sandbox);
                var request = RuStoreNotifications.Notification(
                    purchase.Account, key, plaintext, options.NotificationId ?? $"cli-{Guid.NewGuid():N}", now, options.Iv);
                return new PreparedNotification(provider, @event, request, plaintext);
            }

            case PaymentProviders.Xsolla:
            {
                var xsolla = new XsollaPurchase
                {
                    InvoiceId = purchase.Order,
                    UserId = purchase.User,
                    Items = [new OrderItem { Sku = purchase.Sku, Quantity = purchase.Quantity }],
                    Amount = Amount(purchase),
                    Currency = purchase.Currency,
                    Sandbox = purchase.Sandbox,
                    PaymentDate = now,
                };
                var request = XsollaWebhooks.Webhook(purchase.Account, settings.XsollaSecret(options.XsollaSecret), @event, xsolla);
                return new PreparedNotification(provider, @event, request, null);
            }

            case PaymentProviders.RoboKassa:
            {
                var payment = new RoboKassaPayment
                {
                    InvId = purchase.Order,
                    OutSum = RoboKassaCalls.OutSum(Amount(purchase)),
                    Shp = [new(RoboKassaCalls.UserParameter, purchase.User)],
                    IsTest = purchase.Sandbox,
                    Fee = "0.00",
                    PaymentMethod = "BankCard",
                    IncCurrLabel = "BankCardPSR",
                };
                var request = RoboKassaCalls.Result(
                    purchase.Account,
                    payment,
                    settings.RoboKassaPassword2(options.RoboKassaPassword, purchase.Sandbox),
                    settings.RoboKassaAlgorithm(options.RoboKassaAlgorithm),
                    new RoboKassaCallOptions { UseGet = options.UseGet });
                return new PreparedNotification(provider, @event, request, null);
            }

            default:
                throw new ArgumentException($"provider must be one of {string.Join(", ", PaymentProviders.All)}.");
        }
    }

    private static decimal Amount(Purchase purchase) =>
        decimal.TryParse(purchase.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new FormatException($"--amount must be a decimal number such as 100.00, not '{purchase.Amount}'.");
}
