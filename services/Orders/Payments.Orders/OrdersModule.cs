using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Payments.Orders.Api;
using Payments.Orders.Persistence;
using Payments.Orders.Saga;
using Payments.Persistence;
using Payments.Persistence.Sagas;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Orders;

public static class OrdersModule
{

    /// <summary>The order saga with its EF Core repository, and the order API's services.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext, OrdersPostgresDbContext, OrdersSqlServerDbContext>(OrdersDbContext.Store);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddBusContribution(bus =>
            bus.AddSagaStateMachine<OrderStateMachine, OrderState>(typeof(OrderStateDefinition))
                .EntityFrameworkRepository<OrderState, OrdersDbContext>());
        return builder;
    }

    public static WebApplication MapOrders(this WebApplication app)
    {
        app.MapOrderEndpoints();
        return app;
    }
}
