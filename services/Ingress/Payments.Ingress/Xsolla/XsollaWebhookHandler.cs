using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Ingress.Webhooks;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// <c>POST /webhooks/xsolla/{account}</c>: verify the signature over the raw bytes, parse, check the field limits,
/// publish, and only then answer 204. <c>user_validation</c> is answered from Entitlements and publishes nothing.
/// Every refusal is Xsolla's <c>{"error":{"code","message"}}</c> body and publishes nothing (docs/providers/xsolla.md#answers).
/// </summary>
internal sealed partial class XsollaWebhookHandler(
    XsollaSecretRing secretRing,
    VerifiedPublisher publisher,
    XsollaUserValidator userValidator,
    IngressMetrics metrics, RefusalCounter refusals,
    ILogger<XsollaWebhookHandler> logger)
{
    private const string Provider = PaymentProviders.Xsolla;

    public async Task<IResult> HandleAsync(string account, HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = PaymentsTelemetry.ActivitySource.StartActivity("xsolla webhook");
        activity?.SetTag("provider", Provider);

        if (!secretRing.TryGet(account, out var secrets))
        {
            return Refuse(activity, AccountName.IsValid(account) ? account : "(not a valid account name)", XsollaRejections.UnknownAccount);
        }

        activity?.SetTag("account", secrets.Account);
        var body = await JsonRequestBody.ReadAsync(request, JsonRequestBody.DefaultLimit, cancellationToken);
        if (!body.IsOk)
        {
            return Refuse(activity, secrets.Account, body.Rejection);
        }

        // The signature covers the bytes as received, so it is checked before anything parses them (docs/providers/xsolla.md, decision A15).
        if (XsollaSignature.Verify(request.Headers.Authorization, body.Value, secrets) is { } forged)
        {
            return Refuse(activity, secrets.Account, forged);
        }

        var parsed = XsollaNotificationReader.Read(body.Value);
        if (!parsed.IsOk)
        {
            return Refuse(activity, secrets.Account, parsed.Rejection);
        }

        var notification = parsed.Value;
        activity?.SetTag("notification_type", notification.NotificationType);
        activity?.SetTag("environment", notification.Environment);

        // Before the user check too: a user id no column holds is refused, not looked up.
        if (XsollaFieldLimits.Check(notification) is { } tooLong)
        {
            return Refuse(activity, secrets.Account, tooLong);
        }

        activity?.SetTag("verification", "verified");

        var name = secrets.Account;
        return notification.Kind switch
        {
            XsollaNotificationKind.UserValidation => await ValidateUserAsync(activity, name, notification, cancellationToken),
            XsollaNotificationKind.Payment => await PublishAsync(activity, name, notification, XsollaMessages.Payment(name, notification), cancellationToken),
            XsollaNotificationKind.Refund => await PublishAsync(activity, name, notification, XsollaMessages.Refund(name, notification), cancellationToken),
            XsollaNotificationKind.PartialRefund => await PublishAsync(activity, name, notification, XsollaMessages.PartialRefund(name, notification), cancellationToken),
            XsollaNotificationKind.OrderPaid => await PublishAsync(activity, name, notification, XsollaMessages.OrderPaid(name, notification), cancellationToken),
            _ => await PublishAsync(activity, name, notification, XsollaMessages.OrderCanceled(name, notification), cancellationToken),
        };
    }

    private async Task<IResult> PublishAsync<TMessage>(
        Activity? activity, string account, XsollaNotification notification, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        var messageId = XsollaMessages.MessageId(account, notification);
        if (await publisher.PublishAsync(message, messageId, cancellationToken) is { } failure)
        {
            return Refuse(activity, account, failure);
        }

        metrics.Accepted(Provider, notification.NotificationType);
        LogAccepted(logger, notification.NotificationType, notification.EventId, account, notification.Environment, messageId);
        return TypedResults.NoContent();
    }

    private async Task<IResult> ValidateUserAsync(Activity? activity, string account, XsollaNotification notification, CancellationToken cancellationToken)
    {
        var answer = await userValidator.ValidateAsync(account, notification, cancellationToken);
        if (answer is null)
        {
            activity?.SetTag("user", "known");
            metrics.Accepted(Provider, notification.NotificationType);
            return TypedResults.NoContent();
        }

        if (answer == XsollaRejections.InvalidUser)
        {
            // A definite answer, not a failure of this service: the span stays unset.
            activity?.SetTag("user", "unknown");
            metrics.Rejected(Provider, answer.Reason);
            LogUnknownUser(logger, account);
            return XsollaErrorBody.For(answer);
        }

        return Refuse(activity, account, answer);
    }

    private IResult Refuse(Activity? activity, string account, WebhookRejection rejection)
    {
        activity?.SetTag("verification", rejection.Reason);
        activity?.SetStatus(ActivityStatusCode.Error, rejection.Reason);
        metrics.Rejected(Provider, rejection.Reason);
        refusals.Count(Provider, account, rejection);
        LogRefused(logger, account, rejection.StatusCode, rejection.Reason);
        return XsollaErrorBody.For(rejection);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Xsolla {NotificationType} {EventId} for {Account} ({Environment}) accepted: message {MessageId}")]
    private static partial void LogAccepted(ILogger logger, string notificationType, string eventId, string account, string environment, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Xsolla user_validation for {Account}: Entitlements does not know the user; answered INVALID_USER")]
    private static partial void LogUnknownUser(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Xsolla webhook for {Account} refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string account, int statusCode, string reason);
}
