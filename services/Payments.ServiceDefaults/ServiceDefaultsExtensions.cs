using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.Security;
using Payments.ServiceDefaults.Telemetry;
using Payments.ServiceDefaults.Warmup;

namespace Payments.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry, health checks, JSON conventions and start-up validation shared by every host.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BusOptions>().BindConfiguration(BusOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BusOptions>, BusOptionsValidator>();

        builder.Services.AddScoped<ConfirmedPublisher>();
        builder.AddPaymentsTelemetry();
        builder.Services.AddStartupWarmups();
        builder.Services.AddHealthChecks().AddCheck<BrokerReachableCheck>("rabbitmq", tags: [HealthEndpoints.ReadyTag]);
        builder.Services.AddProblemDetails();
        builder.AddPaymentsAccess();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

        // EF Core logs every SQL statement at Information; operators need failures, not statements.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        return builder;
    }
}
