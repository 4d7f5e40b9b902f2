using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Ingress.Webhooks;
using Payments.ServiceDefaults.OpenApi;

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
            .WithTags(WebhookApiDocs.Tag).WithSummary("RuStore payment notification (AES-256-GCM encrypted)")
            .WithDescription("RuStore calls it; its encryption with the account's key is the credential, never an API key. 200 (empty) once the notification is decrypted and the broker confirmed the publish; 400 problem with a reason code (decryption_failed, malformed_json, missing_field, field_too_long, unsupported_media_type, body_too_large, ...) for what no retry fixes; 404 unknown account; 503 broker unavailable (RuStore retries). docs/providers/rustore.md")
            .WithDocumentedBody("application/json", WebhookApiDocs.RuStoreNotification)
            .Produces(StatusCodes.Status200OK)
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
