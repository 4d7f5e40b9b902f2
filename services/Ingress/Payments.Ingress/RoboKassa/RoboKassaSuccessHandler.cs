using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Ingress.Webhooks;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// <c>GET /webhooks/robokassa/{account}/success</c>: the buyer's redirect, signed with Password #1 (docs/providers/robokassa.md#verification).
/// A verified one gets a "payment received" page; it publishes nothing and grants nothing.
/// </summary>
internal sealed partial class RoboKassaSuccessHandler(RoboKassaAccounts accounts, IngressMetrics metrics, ILogger<RoboKassaSuccessHandler> logger)
{
    private const string Provider = PaymentProviders.RoboKassa;

    public async Task<IResult> HandleAsync(string account, HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = PaymentsTelemetry.ActivitySource.StartActivity("robokassa success");
        activity?.SetTag("provider", Provider);

        if (!accounts.TryGet(account, out var settings))
        {
            return Refuse(activity, AccountName.IsValid(account) ? account : "(not a valid account name)", RoboKassaRejections.UnknownAccount);
        }

        activity?.SetTag("account", settings.Account);
        var parameters = await RoboKassaRequestReader.ReadAsync(request, cancellationToken);
        if (!parameters.IsOk)
        {
            return Refuse(activity, settings.Account, parameters.Rejection);
        }

        var verified = RoboKassaVerifier.Verify(settings, parameters.Value, RoboKassaPassword.One);
        if (!verified.IsOk)
        {
            return Refuse(activity, settings.Account, verified.Rejection);
        }

        activity?.SetTag("environment", verified.Value.Environment);
        activity?.SetTag("verification", "verified");

        // Counted apart from ResultURL notifications: a redirect is neither published nor a payment.
        metrics.Accepted(Provider, "success_page");
        LogShown(logger, settings.Account, verified.Value.Environment, verified.Value.Call.InvId);
        return RoboKassaSuccessPage.Received();
    }

    private IResult Refuse(Activity? activity, string account, WebhookRejection rejection)
    {
        activity?.SetTag("verification", rejection.Reason);
        activity?.SetStatus(ActivityStatusCode.Error, rejection.Reason);
        metrics.Rejected(Provider, "success_page_" + rejection.Reason);
        LogRefused(logger, account, rejection.StatusCode, rejection.Reason);
        return RoboKassaSuccessPage.NotConfirmed(rejection.StatusCode);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RoboKassa success redirect for {Account} ({Environment}) verified: invoice {InvId}")]
    private static partial void LogShown(ILogger logger, string account, string environment, string invId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RoboKassa success redirect for {Account} not verified ({StatusCode}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string account, int statusCode, string reason);
}
