using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// Publishes one message with a chosen MessageId and waits, at most <see cref="BusOptions.PublishTimeout"/>, for
/// the transport to take it (on RabbitMQ: the broker's publisher confirmation). A caller answers its client with
/// success only when this returns true, so nothing is acknowledged that was not published.
/// </summary>
public sealed class ConfirmedPublisher(IPublishEndpoint publish, IOptions<BusOptions> options, ILogger<ConfirmedPublisher> logger)
{
    public async Task<bool> TryPublishAsync<T>(T message, Guid messageId, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await publish.Publish(message, context => context.MessageId = messageId, timeout.Token);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Publish of {MessageType} {MessageId} was not confirmed", typeof(T).Name, messageId);
            return false;
        }
    }
}
