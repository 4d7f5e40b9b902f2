using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Entitlements;

using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Users;

/// <summary>
/// Answers Ingress's <see cref="ValidateUser"/> request for Xsolla's synchronous user check, in the configured
/// <see cref="UserValidationMode"/>. A check that could not be made is not an answer: the exception faults the
/// request, and Ingress answers Xsolla 503 rather than calling the user unknown. Only the user id is logged.
/// </summary>
internal sealed partial class ValidateUserConsumer(
    UserRegistry registry, GameUserCallback callback, IOptions<UserValidationOptions> options, ILogger<ValidateUserConsumer> logger)
    : IConsumer<ValidateUser>
{
    public async Task Consume(ConsumeContext<ValidateUser> context)
    {
        var userId = context.Message.UserId;
        var mode = options.Value.Mode;
        if (context.Message.Warmup || Rehearsal.IsMarked(context))
        {
            // Ingress's start-up probe: the same database query a real check makes (it warms that too), never the game.
            _ = await registry.IsKnownAsync(userId, context.CancellationToken);
            await context.RespondAsync(new UserUnknown { UserId = userId, Reason = "start-up warm-up probe" });
            LogWarmupProbe(logger, context.Message.Account);
            return;
        }

        bool known;
        try
        {
            known = mode switch
            {
                UserValidationMode.AllowAll => true,
                UserValidationMode.Callback => await callback.IsKnownAsync(userId, context.CancellationToken),
                _ => UserRegistry.IsValidUserId(userId) && await registry.IsKnownAsync(userId, context.CancellationToken),
            };
        }
        catch (UserCallbackFailedException exception)
        {
            LogCheckFailed(logger, userId, exception.Message);
            throw;
        }

        if (known)
        {
            await context.RespondAsync(new UserKnown { UserId = userId });
            return;
        }

        LogUnknown(logger, userId, mode);
        var reason = mode == UserValidationMode.Callback
            ? "the game's user endpoint answered 404"
            : "no order names this user and the game has not registered it";
        await context.RespondAsync(new UserUnknown { UserId = userId, Reason = reason });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered Ingress's start-up probe of the user check for {Account}")]
    private static partial void LogWarmupProbe(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is unknown ({Mode})")]
    private static partial void LogUnknown(ILogger logger, string userId, UserValidationMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} could not be checked: {Reason} The request is faulted, so Xsolla is answered 503")]
    private static partial void LogCheckFailed(ILogger logger, string userId, string reason);
}
