using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.ServiceDefaults.Health;

namespace Payments.ServiceDefaults.Warmup;

public static class StartupWarmupRegistration
{
    /// <summary>Runs <typeparamref name="TWarmup"/> after the start; readiness waits for it.</summary>
    public static IServiceCollection AddStartupWarmup<TWarmup>(this IServiceCollection services)
        where TWarmup : class, IStartupWarmup
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupWarmup, TWarmup>());
        return services;
    }

    /// <summary>The runner and the readiness check; without a registered warm-up both are idle.</summary>
    internal static IServiceCollection AddStartupWarmups(this IServiceCollection services)
    {
        services.AddOptions<StartupWarmupOptions>().BindConfiguration(StartupWarmupOptions.SectionName);
        services.TryAddSingleton<StartupWarmupState>();
        services.TryAddSingleton<RehearsalTracker>();
        services.AddHostedService<StartupWarmupService>();
        services.AddHealthChecks().AddCheck<StartupWarmupCheck>("warmup", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
