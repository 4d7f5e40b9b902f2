using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts.Providers.Xsolla;
using Payments.Normalizer.RoboKassa;
using Payments.Normalizer.RuStore;
using Payments.Normalizer.Xsolla;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Normalizer;

/// <summary>
/// Before Normalizer reports ready, the endpoints of the three paid notifications (RuStore <c>CONFIRMED</c>, Xsolla
/// <c>payment</c>, RoboKassa ResultURL) map marked made-up messages (<see cref="PipelineRehearsal"/>); what they publish
/// is discarded.
/// </summary>
internal sealed class NormalizerRehearsal(ISendEndpointProvider send, RehearsalTracker tracker, IOptions<StartupWarmupOptions> options, ILogger<NormalizerRehearsal> logger, TimeProvider time)
    : PipelineRehearsal(send, tracker, options, logger)
{
    public override string Name => "normalizer-rehearsal";

    protected override IEnumerable<RehearsalMessage> Messages()
    {
        var names = KebabCaseEndpointNameFormatter.Instance;
        yield return new RehearsalMessage(names.Consumer<RuStoreInvoiceStatusConsumer>(), _ =>
        {
            var order = RehearsalOrder.Reference(PaymentProviders.RuStore);
            return new RuStoreInvoiceStatusReceived
            {
                Account = order.Account,
                Environment = order.Environment,
                NotificationId = NewId.NextGuid().ToString(),
                Timestamp = time.GetUtcNow(),
                InvoiceId = order.ProviderOrderId,
                OrderId = order.ProviderOrderId,
                PurchaseId = order.ProviderOrderId,
                ProductCode = RehearsalOrder.Items[0].Sku,
                StatusNew = "confirmed",
                StatusOld = "paid",
                ChangeStatusTime = time.GetUtcNow(),
                DeveloperPayload = RehearsalOrder.User,
                RawPayload = "{}",
            };
        });
        yield return new RehearsalMessage(names.Consumer<XsollaPaymentConsumer>(), _ =>
        {
            var order = RehearsalOrder.Reference(PaymentProviders.Xsolla);
            return new XsollaPaymentReceived
            {
                Account = order.Account,
                Environment = order.Environment,
                Transaction = new XsollaTransaction
                {
                    Id = order.ProviderOrderId,
                    ExternalId = order.ProviderOrderId,
                    PaymentDate = time.GetUtcNow(),
                    UserId = RehearsalOrder.User,
                    Items = RehearsalOrder.Items,
                    Amount = "1.00",
                    Currency = "RUB",
                },
                RawBody = "{}",
            };
        });
        yield return new RehearsalMessage(names.Consumer<RoboKassaResultConsumer>(), _ =>
        {
            var order = RehearsalOrder.Reference(PaymentProviders.RoboKassa);
            return new RoboKassaResultReceived
            {
                Account = order.Account,
                Environment = order.Environment,
                InvId = order.ProviderOrderId,
                OutSum = "1.00",
                IsTest = false,
                ShpParameters = new Dictionary<string, string> { ["Shp_user"] = RehearsalOrder.User },
                UserId = RehearsalOrder.User,
                RawParameters = new Dictionary<string, string>(),
            };
        });
    }
}
