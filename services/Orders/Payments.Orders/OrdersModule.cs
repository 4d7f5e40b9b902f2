using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Orders.Api;
using Payments.Orders.Persistence;
using Payments.Orders.Saga;
using Payments.Persistence;
using Payments.Persistence.Sagas;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Orders;

public static partial class OrdersModule
{

    /// <summary>The order saga with its EF Core repository, and the order API's services.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext, OrdersPostgresDbContext, OrdersSqlServerDbContext>(OrdersDbContext.Store);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderAccounts>();
        builder.Services.AddStartupWarmup<OrderRehearsal>();
        builder.AddBusContribution(bus =>
            bus.AddSagaStateMachine<OrderStateMachine, OrderState>(typeof(OrderStateDefinition))
                .EntityFrameworkRepository<OrderState, OrdersDbContext>());
        return builder;
    }

    public static WebApplication MapOrders(this WebApplication app)
    {
        // Read the accounts now, so what the service accepts is in the start-up log, not found out by a 404.
        var accounts = app.Services.GetRequiredService<OrderAccounts>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrdersModule));
        foreach (var provider in PaymentProviders.All)
        {
            if (accounts.Of(provider).Any())
            {
                LogAccounts(logger, provider, string.Join(", ", accounts.Of(provider)));
            }
            else
            {
                LogNoAccounts(logger, provider, OrderAccounts.SectionName);
            }
        }

        app.MapOrderEndpoints();
        app.MapOrderSearchEndpoints();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orders accepts {Provider} accounts: {Accounts}")]
    private static partial void LogAccounts(ILogger logger, string provider, string accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Provider} account is configured ({Section}:{Provider}, or Providers in this host): every {Provider} order gets 404")]
    private static partial void LogNoAccounts(ILogger logger, string provider, string section);
}
