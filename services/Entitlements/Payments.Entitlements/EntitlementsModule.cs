using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Payments.Entitlements.Api;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Users;
using Payments.Persistence;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Entitlements;

public static class EntitlementsModule
{

    /// <summary>The grant ledger, its consumers, user validation and the user API's services.</summary>
    public static IHostApplicationBuilder AddEntitlements(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EntitlementsDbContext, EntitlementsPostgresDbContext, EntitlementsSqlServerDbContext>(EntitlementsDbContext.Store);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<GrantLedger>();
        builder.Services.AddOptions<UserValidationOptions>().BindConfiguration(UserValidationOptions.SectionName).ValidateOnStart();
        builder.AddBusContribution(bus =>
        {
            bus.AddConsumer<OrderPaidConsumer>();
            bus.AddConsumer<OrderRevokedConsumer>();
            bus.AddConsumer<ValidateUserConsumer>();
        });
        return builder;
    }

    public static WebApplication MapEntitlements(this WebApplication app)
    {
        app.MapEntitlementEndpoints();
        return app;
    }
}
