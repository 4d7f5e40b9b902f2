using Payments.Cli.Secrets;
using Payments.Contracts;

namespace Payments.Cli.Notifications;

/// <summary>Builds a correctly encrypted or signed notification of any provider from the resolved secrets.</summary>
internal sealed class NotificationFactory(CliSettings settings, NotificationOptions options, TimeProvider clock)
{
    public PreparedNotification Build(string provider, string @event, Purchase purchase)
    {
        var now = clock.GetUtcNow();
        switch (provider)
        {
            case PaymentProviders.RuStore:
            {
                var key = RuStoreNotificationBuilder.ParseKey(settings.RuStoreKey(options.RuStoreKey, purchase.Sandbox));
                var plaintext = RuStoreNotificationBuilder.Plaintext(purchase, @event, now, options.Invoice);
                var body = RuStoreNotificationBuilder.Body(
                    RuStoreNotificationBuilder.Seal(plaintext, key, options.Iv),
                    options.NotificationId ?? $"cli-{Guid.NewGuid():N}",
                    now);
                return new PreparedNotification(provider, @event, RuStoreNotificationBuilder.Request(purchase.Account, body), plaintext);
            }

            case PaymentProviders.Xsolla:
            {
                var body = XsollaWebhookBuilder.Body(@event, purchase, now);
                return new PreparedNotification(provider, @event, XsollaWebhookBuilder.Request(purchase.Account, body, settings.XsollaSecret(options.XsollaSecret)), null);
            }

            case PaymentProviders.RoboKassa:
            {
                var parameters = RoboKassaResultBuilder.Parameters(
                    purchase, settings.RoboKassaPassword2(options.RoboKassaPassword, purchase.Sandbox), settings.RoboKassaAlgorithm(options.RoboKassaAlgorithm));
                return new PreparedNotification(provider, @event, RoboKassaResultBuilder.Request(purchase.Account, parameters, options.UseGet), null);
            }

            default:
                throw new ArgumentException($"provider must be one of {string.Join(", ", PaymentProviders.All)}.");
        }
    }
}
