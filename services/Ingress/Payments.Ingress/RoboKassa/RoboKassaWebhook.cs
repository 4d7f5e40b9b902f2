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

namespace Payments.Ingress.RoboKassa;

/// <summary>Registration and routes of the RoboKassa feature.</summary>
internal static partial class RoboKassaWebhook
{
    public const string ResultRoute = "/webhooks/robokassa/{account}/result";
    public const string SuccessRoute = "/webhooks/robokassa/{account}/success";

    // The shop picks GET or POST for each of its URLs in its Technical settings (docs/providers/robokassa.md, decision A25).
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Post];

    public static IServiceCollection AddRoboKassaWebhook(this IServiceCollection services)
    {
        services.AddOptions<RoboKassaOptions>().BindConfiguration(RoboKassaOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoboKassaOptions>, RoboKassaOptionsValidator>());
        services.TryAddSingleton<RoboKassaAccounts>();
        services.TryAddScoped<RoboKassaResultHandler>();
        services.TryAddScoped<RoboKassaSuccessHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapRoboKassaWebhook(this IEndpointRouteBuilder endpoints)
    {
        // Resolve the accounts now, so a bad setting stops the start instead of the first notification.
        var accounts = endpoints.ServiceProvider.GetRequiredService<RoboKassaAccounts>();
        LogAccounts(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RoboKassaWebhook)), accounts);

        endpoints.MapMethods(
                ResultRoute,
                Methods,
                (string account, HttpRequest request, [FromServices] RoboKassaResultHandler handler, CancellationToken cancellationToken) =>
                    handler.HandleAsync(account, request, cancellationToken))
            .WithName("RoboKassaResult")
            .AllowAnonymous() // the provider's signature or encryption is the credential
            .WithTags(WebhookApiDocs.Tag).WithSummary("RoboKassa ResultURL (signed)")
            .WithDescription("RoboKassa calls it with GET or POST (as the shop's settings say); query and form are merged, form wins. SignatureValue over OutSum:InvId:Password2[:Shp_...] is the credential, never an API key. 200 text/plain exactly OK{InvId} once verified and the broker confirmed; 400 text/plain naming the problem (never OK...); 404 unknown account; 503 broker unavailable. docs/providers/robokassa.md")
            .WithQueryParameter("OutSum", "The amount, as RoboKassa sent it.", required: true)
            .WithQueryParameter("InvId", "The shop's invoice number.", required: true)
            .WithQueryParameter("SignatureValue", "Hex digest of OutSum:InvId:Password2[:Shp_...=...] in the shop's algorithm (MD5, SHA1, SHA256, SHA384, SHA512).", required: true)
            .WithQueryParameter("IsTest", "1 for a test payment: checked with the test password, recorded as sandbox.")
            .WithQueryParameter("Shp_user", "The game's user id (the account's user parameter; every Shp_ parameter is signed).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").WithResponseExample(StatusCodes.Status200OK, WebhookApiDocs.RoboKassaAnswer)
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");

        endpoints.MapMethods(
                SuccessRoute,
                Methods,
                (string account, HttpRequest request, [FromServices] RoboKassaSuccessHandler handler, CancellationToken cancellationToken) =>
                    handler.HandleAsync(account, request, cancellationToken))
            .WithName("RoboKassaSuccess")
            .AllowAnonymous() // the provider's signature or encryption is the credential
            .WithTags(WebhookApiDocs.Tag).WithSummary("RoboKassa SuccessURL: the page the buyer returns to")
            .WithDescription("Verified with Password1; it grants nothing. 200 text/html 'Payment received...' when verified, a failure page with 400 otherwise.")
            .WithQueryParameter("OutSum", "The amount.", required: true)
            .WithQueryParameter("InvId", "The shop's invoice number.", required: true)
            .WithQueryParameter("SignatureValue", "Hex digest of OutSum:InvId:Password1[:Shp_...=...].", required: true)
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithResponseExample(StatusCodes.Status200OK, WebhookApiDocs.RoboKassaSuccessPage)
            .Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status404NotFound, "text/html");
        return endpoints;
    }

    private static void LogAccounts(ILogger logger, RoboKassaAccounts accounts)
    {
        if (accounts.All.Count == 0)
        {
            LogNoAccounts(logger, RoboKassaOptions.SectionName);
            return;
        }

        foreach (var account in accounts.All)
        {
            LogAccount(logger, account.Account, account.Algorithm.Name!, account.HasLivePasswords, account.HasTestPasswords, account.UserParameter);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No RoboKassa account is configured under {Section}; every RoboKassa call will get 404")]
    private static partial void LogNoAccounts(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "RoboKassa account {Account}: {Algorithm} signatures, live passwords {Live}, test passwords {Test}, user parameter {UserParameter}")]
    private static partial void LogAccount(ILogger logger, string account, string algorithm, bool live, bool test, string userParameter);
}
