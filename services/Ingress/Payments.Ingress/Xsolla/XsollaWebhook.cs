using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Entitlements;
using Payments.Ingress.Webhooks;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Ingress.Xsolla;

/// <summary>Registration and route of the Xsolla feature.</summary>
internal static partial class XsollaWebhook
{
    public const string Route = "/webhooks/xsolla/{account}";

    public static IHostApplicationBuilder AddXsollaWebhook(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<XsollaOptions>().BindConfiguration(XsollaOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XsollaOptions>, XsollaOptionsValidator>());
        services.TryAddSingleton<XsollaSecretRing>();
        services.TryAddScoped<XsollaUserValidator>();
        services.TryAddScoped<XsollaWebhookHandler>();
        services.AddStartupWarmup<XsollaUserValidationWarmup>();

        // user_validation asks Entitlements while Xsolla waits; the request is published, so Ingress needs no address.
        builder.AddBusContribution(bus => bus.AddRequestClient<ValidateUser>());
        return builder;
    }

    public static IEndpointRouteBuilder MapXsollaWebhook(this IEndpointRouteBuilder endpoints)
    {
        // Resolve the secrets now, so a bad setting stops the start instead of the first webhook.
        var secretRing = endpoints.ServiceProvider.GetRequiredService<XsollaSecretRing>();
        LogAccounts(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(XsollaWebhook)), secretRing);

        endpoints.MapPost(
                Route,
                (string account, HttpRequest request, [FromServices] XsollaWebhookHandler handler, CancellationToken cancellationToken) =>
                    handler.HandleAsync(account, request, cancellationToken))
            .WithName("XsollaWebhook")
            .AllowAnonymous() // the provider's signature or encryption is the credential
            .WithTags(WebhookApiDocs.Tag).WithSummary("Xsolla webhook (signed)")
            .WithDescription("Xsolla calls it with Authorization: Signature sha1(raw body ‖ secret), checked on the raw bytes: the signature is the credential, never an API key. 204 once verified and the broker confirmed; user_validation: 204 known user, 400 INVALID_USER unknown. Errors use Xsolla's body {\"error\":{\"code\",\"message\"}}: 400 INVALID_SIGNATURE or INVALID_PARAMETER, 404 INVALID_PARAMETER unknown account, 503 SERVER_ERROR (broker unavailable, or Entitlements could not check the user). docs/providers/xsolla.md")
            .WithDocumentedBody("application/json", WebhookApiDocs.XsollaPayment)
            .Produces(StatusCodes.Status204NoContent)
            .Produces<XsollaErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<XsollaErrorBody>(StatusCodes.Status404NotFound)
            .Produces<XsollaErrorBody>(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status400BadRequest, WebhookApiDocs.XsollaInvalidSignature);
        return endpoints;
    }

    private static void LogAccounts(ILogger logger, XsollaSecretRing secretRing)
    {
        if (secretRing.Accounts.Count == 0)
        {
            LogNoAccounts(logger, XsollaOptions.SectionName);
            return;
        }

        foreach (var account in secretRing.Accounts)
        {
            secretRing.TryGet(account, out var secrets);
            LogAccount(logger, account, secrets!.Secrets.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Xsolla account is configured under {Section}; every Xsolla webhook will get 404")]
    private static partial void LogNoAccounts(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "Xsolla account {Account}: {SecretKeys} secret key(s)")]
    private static partial void LogAccount(ILogger logger, string account, int secretKeys);
}
