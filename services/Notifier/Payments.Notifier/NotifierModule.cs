using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Notifier.Api;
using Payments.Notifier.Capture;
using Payments.Notifier.Configuration;
using Payments.Notifier.Delivery;
using Payments.Notifier.Persistence;
using Payments.Persistence;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Notifier;

/// <summary>
/// The game-server notifier: every grant, revocation and order status change, delivered to each matching endpoint
/// (<c>Notifier:Endpoints</c>) as a signed Standard Webhooks request, from a durable delivery row
/// (ConnectionStrings:Notifier), retried on <c>Notifier:RetryDelays</c>.
/// </summary>
public static class NotifierModule
{
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotifierDbContext, NotifierPostgresDbContext, NotifierSqlServerDbContext>(NotifierDbContext.Store);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<NotifierOptions>().BindConfiguration(NotifierOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotifierOptions>, NotifierOptionsValidator>());

        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<RetrySchedule>();
        builder.Services.AddSingleton<OutboundAddressPolicy>();
        builder.Services.AddSingleton<DeliverySender>();
        builder.Services.AddScoped<DeliveryIntake>();
        builder.Services.AddHostedService<DeliveryDispatcher>();

        // An attempt in flight when the host stops is finished and its answer recorded (at most Notifier:Timeout, 30 s):
        // the host waits that long and 10 s more before it gives up on its services.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<NotifierOptions>>((host, notifier) =>
        {
            var needed = notifier.Value.Timeout + TimeSpan.FromSeconds(10);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        // Redirects are not followed (a 3xx is a failed attempt), every connection goes through the address policy,
        // and the factory's request logging is removed: it writes the full URL, which may carry a token.
        builder.Services.AddHttpClient(DeliverySender.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = services.GetRequiredService<OutboundAddressPolicy>().ConnectAsync,
            })
            .RemoveAllLoggers();

        builder.AddBusContribution(bus => bus.AddConsumer<GameServerNotificationConsumer>());
        return builder;
    }

    public static WebApplication MapNotifier(this WebApplication app)
    {
        app.MapNotifierEndpoints();
        return app;
    }
}
