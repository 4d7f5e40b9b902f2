using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// Publishes one message with a chosen MessageId and waits, at most <see cref="BusOptions.PublishTimeout"/>, for
/// the transport to take it (on RabbitMQ: the broker's publisher confirmation). A caller answers its client with
/// success only when this returns true, so nothing is acknowledged that was not published.
/// </summary>
/// <remarks>
/// Published as <em>mandatory</em>: RabbitMQ confirms a message that no queue is bound for too, and then discards
/// it (a fresh broker with Ingress started before the Normalizer, a deleted queue). With the flag the broker returns
/// such a message instead, MassTransit fails the publish with <see cref="MessageReturnedException"/>, and the caller's
/// client is told to retry. Confirmed therefore means routed to at least one queue.
/// </remarks>
public sealed partial class ConfirmedPublisher(IPublishEndpoint publishEndpoint, IOptions<BusOptions> busOptions, ILogger<ConfirmedPublisher> logger)
{
    public async Task<bool> TryPublishAsync<TMessage>(TMessage message, Guid messageId, CancellationToken requestAborted)
        where TMessage : class
    {
        var timeout = busOptions.Value.PublishTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync as well as the token: a transport waiting for a connection or a confirm may not observe it.
            await publishEndpoint
                .Publish(message, context =>
                {
                    context.MessageId = messageId;
                    context.Mandatory = true;
                }, deadline.Token)
                .WaitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            LogAbandoned(logger, typeof(TMessage).Name, messageId);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogTimedOut(logger, typeof(TMessage).Name, messageId, timeout);
        }
        catch (MessageReturnedException)
        {
            LogUnroutable(logger, typeof(TMessage).Name, messageId);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, typeof(TMessage).Name, messageId);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing {MessageType} {MessageId} timed out after {Timeout}; the caller is told to retry")]
    private static partial void LogTimedOut(ILogger logger, string messageType, Guid messageId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing {MessageType} {MessageId} failed; the caller is told to retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker returned {MessageType} {MessageId}: no queue is bound to its exchange (is every consumer of it deployed and started?); the caller is told to retry")]
    private static partial void LogUnroutable(ILogger logger, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The caller went away while {MessageType} {MessageId} was being published")]
    private static partial void LogAbandoned(ILogger logger, string messageType, Guid messageId);
}
