using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Ingress.Webhooks;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// <c>GET|POST /webhooks/robokassa/{account}/result</c>: verify with Password #2, check the field limits, publish,
/// and only then answer <c>OK{InvId}</c>. Every refusal is a plain-text 4xx/5xx that publishes nothing. A repeated
/// call is published again under the same message id and answered <c>OK{InvId}</c> again (docs/providers/robokassa.md, decision A29).
/// </summary>
internal sealed partial class RoboKassaResultHandler(
    RoboKassaAccounts accounts, VerifiedPublisher publisher, IngressMetrics metrics, RefusalCounter refusals, ILogger<RoboKassaResultHandler> logger)
{
    private const string Provider = PaymentProviders.RoboKassa;

    public async Task<IResult> HandleAsync(string account, HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = PaymentsTelemetry.ActivitySource.StartActivity("robokassa result");
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

        var verified = RoboKassaVerifier.Verify(settings, parameters.Value, RoboKassaPassword.Two);
        if (!verified.IsOk)
        {
            return Refuse(activity, settings.Account, verified.Rejection);
        }

        var call = verified.Value.Call;
        activity?.SetTag("environment", verified.Value.Environment);
        if (RoboKassaFieldLimits.Check(settings, call) is { } tooLong)
        {
            return Refuse(activity, settings.Account, tooLong);
        }

        activity?.SetTag("verification", "verified");
        activity?.SetTag("shp_order", verified.Value.ShpOrder == RoboKassaShpOrder.Ordinal ? "ordinal" : "case_insensitive");

        var message = RoboKassaMessages.Result(settings, verified.Value);
        var messageId = RoboKassaMessages.ResultMessageId(settings.Account, message.Environment, message.InvId, message.OutSum);
        if (await publisher.PublishAsync(message, messageId, cancellationToken) is { } failure)
        {
            return Refuse(activity, settings.Account, failure);
        }

        metrics.Accepted(Provider, "result");
        LogAccepted(logger, settings.Account, message.Environment, call.InvId, call.OutSum, messageId);
        return RoboKassaAnswers.Ok(call.InvId);
    }

    private IResult Refuse(Activity? activity, string account, WebhookRejection rejection)
    {
        activity?.SetTag("verification", rejection.Reason);
        activity?.SetStatus(ActivityStatusCode.Error, rejection.Reason);
        metrics.Rejected(Provider, rejection.Reason);
        refusals.Count(Provider, account, rejection);
        LogRefused(logger, account, rejection.StatusCode, rejection.Reason);
        return rejection.ToText();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "RoboKassa result for {Account} ({Environment}) accepted: invoice {InvId} paid {OutSum}, message {MessageId}")]
    private static partial void LogAccepted(ILogger logger, string account, string environment, string invId, string outSum, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RoboKassa result for {Account} refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string account, int statusCode, string reason);
}
