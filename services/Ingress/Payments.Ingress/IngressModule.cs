using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Payments.Ingress.RoboKassa;
using Payments.Ingress.RuStore;
using Payments.Ingress.Webhooks;
using Payments.Ingress.Xsolla;

namespace Payments.Ingress;

/// <summary>
/// The Ingress module: provider webhooks that verify each notification and publish it before answering success.
/// It only publishes, so it contributes no consumers to the bus.
/// </summary>
public static class IngressModule
{
    public static IHostApplicationBuilder AddIngress(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IngressMetrics>();
        builder.Services.TryAddScoped<VerifiedPublisher>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<RefusalCounter>();
        builder.Services.TryAddSingleton<RefusalSummaryPublisher>();
        builder.Services.AddHostedService<RefusalSummaryLoop>();
        builder.Services.AddHostedService<ProviderAccountsCheck>();
        builder.Services.AddRuStoreWebhook();
        builder.AddXsollaWebhook();
        builder.Services.AddRoboKassaWebhook();
        return builder;
    }

    public static WebApplication MapIngress(this WebApplication app)
    {
        app.MapRuStoreWebhook();
        app.MapXsollaWebhook();
        app.MapRoboKassaWebhook();
        return app;
    }
}
