using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Entitlements.Api;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Persistence;
using Payments.Entitlements.Users;
using Payments.Persistence;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements;

public static class EntitlementsModule
{
    /// <summary>The grant ledger, its consumers, user validation and the user API's services.</summary>
    public static IHostApplicationBuilder AddEntitlements(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EntitlementsDbContext, EntitlementsPostgresDbContext, EntitlementsSqlServerDbContext>(EntitlementsDbContext.Store);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<GrantLedger>();
        builder.Services.AddScoped<UserRegistry>();
        builder.Services.AddSingleton<KnownUserCache>();
        builder.Services.AddStartupWarmup<UserRegistryWarmup>();
        builder.Services.AddStartupWarmup<GrantLedgerWarmup>();
        builder.Services.AddStartupWarmup<LedgerRehearsal>();
        builder.Services.AddOptions<UserValidationOptions>().BindConfiguration(UserValidationOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserValidationOptions>, UserValidationOptionsValidator>());

        // Redirects are not followed: only 200, 204 and 404 are answers. The factory's request logging is removed
        // because it writes the full URL, which may carry a token; the consumer logs the outcome with the user id.
        builder.Services.AddHttpClient<GameUserCallback>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        builder.AddBusContribution(bus =>
        {
            bus.AddConsumer<OrderPaidConsumer>();
            bus.AddConsumer<OrderRevokedConsumer>();
            bus.AddConsumer<UserNamedByOrderConsumer>();
            bus.AddConsumer<ValidateUserConsumer, ValidateUserConsumerDefinition>();
        });
        return builder;
    }

    public static WebApplication MapEntitlements(this WebApplication app)
    {
        app.MapEntitlementEndpoints();
        return app;
    }
}
