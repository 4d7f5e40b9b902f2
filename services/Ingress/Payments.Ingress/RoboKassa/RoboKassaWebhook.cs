using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
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
            .Produces<string>(StatusCodes.Status200OK, "text/html")
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
