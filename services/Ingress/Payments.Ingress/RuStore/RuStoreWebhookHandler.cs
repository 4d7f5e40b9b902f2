using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Ingress.Webhooks;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Ingress.RuStore;

/// <summary>
/// <c>POST /webhooks/rustore/{account}</c>: verify, check the field limits, publish, and only then answer 200 (empty
/// body). Every refusal is a JSON problem and publishes nothing; RuStore resends after any non-200 (docs/providers/rustore.md#answers, #retries).
/// </summary>
internal sealed partial class RuStoreWebhookHandler(
    RuStoreKeyRing keyRing, VerifiedPublisher publisher, IngressMetrics metrics, RefusalCounter refusals, ILogger<RuStoreWebhookHandler> logger)
{
    private const string Provider = PaymentProviders.RuStore;

    public async Task<IResult> HandleAsync(string account, HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = PaymentsTelemetry.ActivitySource.StartActivity("rustore webhook");
        activity?.SetTag("provider", Provider);

        if (!keyRing.TryGet(account, out var keys))
        {
            return Refuse(activity, AccountName.IsValid(account) ? account : "(not a valid account name)", RuStoreRejections.UnknownAccount);
        }

        activity?.SetTag("account", keys.Account);
        var body = await JsonRequestBody.ReadAsync(request, JsonRequestBody.DefaultLimit, cancellationToken);
        if (!body.IsOk)
        {
            return Refuse(activity, keys.Account, body.Rejection);
        }

        var envelope = RuStoreEnvelope.Read(body.Value);
        if (!envelope.IsOk)
        {
            return Refuse(activity, keys.Account, envelope.Rejection);
        }

        var verified = RuStoreNotificationVerifier.Verify(envelope.Value.Payload, keys);
        if (!verified.IsOk)
        {
            return Refuse(activity, keys.Account, verified.Rejection);
        }

        var notification = verified.Value.Notification;
        activity?.SetTag("notification_type", notification.NotificationType);
        activity?.SetTag("environment", verified.Value.Environment);
        if (RuStoreFieldLimits.Check(envelope.Value, notification) is { } tooLong)
        {
            return Refuse(activity, keys.Account, tooLong);
        }

        activity?.SetTag("verification", "verified");

        return notification.Kind == RuStoreNotificationKind.InvoiceStatus
            ? await PublishInvoiceStatusAsync(activity, keys.Account, envelope.Value, verified.Value, cancellationToken)
            : await PublishTestEventAsync(activity, keys.Account, envelope.Value, verified.Value, cancellationToken);
    }

    private async Task<IResult> PublishInvoiceStatusAsync(
        Activity? activity, string account, RuStoreEnvelope envelope, RuStoreVerifiedNotification verified, CancellationToken cancellationToken)
    {
        var message = RuStoreMessages.InvoiceStatus(account, envelope, verified);
        var messageId = RuStoreMessages.InvoiceStatusMessageId(account, message.Environment, message.InvoiceId, message.StatusNew);
        var known = RuStoreInvoiceStatuses.IsKnown(message.StatusNew);
        if (!known)
        {
            LogUnknownStatus(logger, account, message.InvoiceId, message.StatusNew);
        }

        if (await publisher.PublishAsync(message, messageId, cancellationToken) is { } failure)
        {
            return Refuse(activity, account, failure);
        }

        metrics.Accepted(Provider, known ? "invoice_status" : "unknown_status");
        LogInvoiceStatusAccepted(logger, verified.Notification.NotificationType, envelope.Id, account, message.Environment, message.InvoiceId, message.StatusNew, messageId);
        return TypedResults.Ok();
    }

    private async Task<IResult> PublishTestEventAsync(
        Activity? activity, string account, RuStoreEnvelope envelope, RuStoreVerifiedNotification verified, CancellationToken cancellationToken)
    {
        var message = RuStoreMessages.TestEvent(account, envelope, verified);
        var messageId = RuStoreMessages.TestEventMessageId(account, message.Environment, message.RawPayload);
        if (await publisher.PublishAsync(message, messageId, cancellationToken) is { } failure)
        {
            return Refuse(activity, account, failure);
        }

        metrics.Accepted(Provider, "test_event");
        LogTestEventAccepted(logger, verified.Notification.NotificationType, envelope.Id, account, message.Environment, messageId);
        return TypedResults.Ok();
    }

    private IResult Refuse(Activity? activity, string account, WebhookRejection rejection)
    {
        activity?.SetTag("verification", rejection.Reason);
        activity?.SetStatus(ActivityStatusCode.Error, rejection.Reason);
        metrics.Rejected(Provider, rejection.Reason);
        refusals.Count(Provider, account, rejection);
        LogRefused(logger, account, rejection.StatusCode, rejection.Reason);
        return rejection.ToProblem();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "RuStore {NotificationType} {NotificationId} for {Account} ({Environment}) accepted: invoice {InvoiceId} is {Status}, message {MessageId}")]
    private static partial void LogInvoiceStatusAccepted(
        ILogger logger, string notificationType, string notificationId, string account, string environment, string invoiceId, string status, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "RuStore {NotificationType} {NotificationId} for {Account} ({Environment}) accepted: message {MessageId}")]
    private static partial void LogTestEventAccepted(ILogger logger, string notificationType, string notificationId, string account, string environment, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RuStore invoice {InvoiceId} for {Account} has the unknown status {Status}; published as it is")]
    private static partial void LogUnknownStatus(ILogger logger, string account, string invoiceId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RuStore notification for {Account} refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string account, int statusCode, string reason);
}
