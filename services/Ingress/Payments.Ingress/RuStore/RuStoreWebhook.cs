using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.Ingress.RuStore;

/// <summary>Registration and route of the RuStore feature.</summary>
internal static partial class RuStoreWebhook
{
    public const string Route = "/webhooks/rustore/{account}";

    public static IServiceCollection AddRuStoreWebhook(this IServiceCollection services)
    {
        services.AddOptions<RuStoreOptions>().BindConfiguration(RuStoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuStoreOptions>, RuStoreOptionsValidator>());
        services.TryAddSingleton<RuStoreKeyRing>();
        services.TryAddScoped<RuStoreWebhookHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapRuStoreWebhook(this IEndpointRouteBuilder endpoints)
    {
        // Decode the keys now, so a bad key stops the start instead of the first notification.
        var keyRing = endpoints.ServiceProvider.GetRequiredService<RuStoreKeyRing>();
        LogAccounts(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RuStoreWebhook)), keyRing);

        endpoints.MapPost(
                Route,
                (string account, HttpRequest request, [FromServices] RuStoreWebhookHandler handler, CancellationToken cancellationToken) =>
                    handler.HandleAsync(account, request, cancellationToken))
            .WithName("RuStoreWebhook")
            .AllowAnonymous() // the provider's signature or encryption is the credential
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static void LogAccounts(ILogger logger, RuStoreKeyRing keyRing)
    {
        if (keyRing.Accounts.Count == 0)
        {
            LogNoAccounts(logger, RuStoreOptions.SectionName);
            return;
        }

        foreach (var account in keyRing.Accounts)
        {
            keyRing.TryGet(account, out var keys);
            LogAccount(logger, account, keys!.ProductionKeys.Count, keys.SandboxKeys.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No RuStore account is configured under {Section}; every RuStore notification will get 404")]
    private static partial void LogNoAccounts(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "RuStore account {Account}: {ProductionKeys} production key(s), {SandboxKeys} sandbox key(s)")]
    private static partial void LogAccount(ILogger logger, string account, int productionKeys, int sandboxKeys);
}
