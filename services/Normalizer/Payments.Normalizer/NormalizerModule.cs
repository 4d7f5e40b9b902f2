using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Payments.Normalizer.RuStore;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Normalizer;

public static class NormalizerModule
{
    /// <summary>One consumer per provider message; each maps to provider-neutral domain events and keeps no state.</summary>
    public static IHostApplicationBuilder AddNormalizer(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddStartupWarmup<NormalizerRehearsal>();
        return builder.AddBusContribution(bus =>
        {
            bus.AddConsumer<RuStoreInvoiceStatusConsumer>();
            bus.AddConsumer<RuStoreTestEventConsumer>();
            bus.AddConsumer<Xsolla.XsollaPaymentConsumer>();
            bus.AddConsumer<Xsolla.XsollaOrderPaidConsumer>();
            bus.AddConsumer<Xsolla.XsollaRefundConsumer>();
            bus.AddConsumer<Xsolla.XsollaPartialRefundConsumer>();
            bus.AddConsumer<Xsolla.XsollaOrderCanceledConsumer>();
            bus.AddConsumer<RoboKassa.RoboKassaResultConsumer>();
        });
    }
}
