using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Answers <c>user_validation</c> while Xsolla waits: asks Entitlements with <see cref="ValidateUser"/> over
/// request/response and gives up after <see cref="XsollaOptions.UserValidationTimeout"/>. No answer is never taken
/// for "unknown": only <see cref="UserUnknown"/> gives INVALID_USER; silence or a failure gives 503.
/// </summary>
internal sealed partial class XsollaUserValidator(
    IRequestClient<ValidateUser> client, IOptions<XsollaOptions> options, ILogger<XsollaUserValidator> logger)
{
    /// <summary>Null for a known user, else the rejection to answer with.</summary>
    public async Task<WebhookRejection?> ValidateAsync(string account, XsollaNotification notification, CancellationToken requestAborted)
    {
        var userId = notification.UserId ?? throw new ArgumentException("Not a user_validation notification.", nameof(notification));
        var request = new ValidateUser { Provider = PaymentProviders.Xsolla, Account = account, Environment = notification.Environment, UserId = userId };

        // The timeout is given per request rather than at registration, so every bus (and the test harness) honours it.
        var timeout = options.Value.UserValidationTimeout;
        try
        {
            var response = await client.GetResponse<UserKnown, UserUnknown>(request, requestAborted, RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
            return response.Is(out Response<UserKnown>? _) ? null : XsollaRejections.InvalidUser;
        }
        catch (RequestTimeoutException)
        {
            LogTimedOut(logger, account, timeout);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            LogAbandoned(logger, account);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, account);
        }

        return XsollaRejections.UserValidationUnavailable;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Xsolla user_validation for {Account}: no answer from Entitlements within {Timeout}; answered 503")]
    private static partial void LogTimedOut(ILogger logger, string account, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Xsolla user_validation for {Account}: the ValidateUser request failed; answered 503")]
    private static partial void LogFailed(ILogger logger, Exception exception, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Xsolla went away while user_validation for {Account} was being checked")]
    private static partial void LogAbandoned(ILogger logger, string account);
}
