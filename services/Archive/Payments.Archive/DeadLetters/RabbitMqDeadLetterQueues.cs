using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.DeadLetters;
using Payments.ServiceDefaults.Messaging;
using RabbitMQ.Client.Exceptions;

namespace Payments.Archive.DeadLetters;

/// <summary>
/// The error queues on RabbitMQ, read and moved with the same code as <c>payments replay dead-letters</c>
/// (<see cref="RabbitMqDeadLetterQueue"/>), over a connection of its own per request.
/// </summary>
/// <remarks>
/// <para><b>Browsing changes nothing.</b> A queue is read with basic.get without acknowledgement; when the request ends
/// the channel closes and the broker puts every message it handed out back where it was (RabbitMQ returns a message
/// to its original position when it can), marked redelivered. Nobody consumes an error queue, so nothing else competes
/// for them; while a request holds them, another request sees the queue without them (they are not lost, only
/// invisible for that moment). With quorum queues (<c>Bus:RabbitMq:QuorumQueues</c>) each read counts as a delivery,
/// and after <c>Bus:RabbitMq:DeliveryLimit</c> reads the broker moves the message to <c>&lt;queue&gt;_dead-letter</c>,
/// never away (see BrokerCluster) — which is why those queues are listed, browsed and requeued here too.</para>
/// <para><b>Requeue loses nothing.</b> A chosen message is published to its source queue (mandatory, with a publisher
/// confirm) and only then acknowledged in the error queue: a crash or a broker failure between the two leaves it in
/// both, and every consumer is idempotent on the MessageId, so the copy is absorbed. Two requeues of one message at
/// once cannot both take it: the broker hands an unacknowledged message to one channel only; the other reports it not
/// found.</para>
/// </remarks>
internal sealed partial class RabbitMqDeadLetterQueues(IOptions<BusOptions> options, ILogger<RabbitMqDeadLetterQueues> logger) : IDeadLetterQueues
{
    /// <summary>How many messages one request reads at most while looking for chosen ones (all held unacknowledged until it ends).</summary>
    internal const int MaxScan = 10_000;

    public Task<IReadOnlyList<DeadLetterQueueView>> ListAsync(CancellationToken cancellationToken) =>
        WithBrokerAsync<IReadOnlyList<DeadLetterQueueView>>(async queues =>
        {
            var found = new List<DeadLetterQueueView>();
            foreach (var source in SystemQueues.Receive)
            {
                // A quorum queue's _dead-letter queue exists only with Bus:RabbitMq:QuorumQueues; an error queue only
                // once MassTransit moved a first message to it.
                foreach (var queue in new[] { source + SystemQueues.ErrorSuffix, source + SystemQueues.DeadLetterSuffix })
                {
                    if (await queues.TryCountAsync(queue, cancellationToken) is { } depth)
                    {
                        found.Add(new DeadLetterQueueView(queue, source, depth));
                    }
                }
            }

            return found;
        }, cancellationToken);

    public Task<DeadLetterPageView?> BrowseAsync(string queue, int limit, CancellationToken cancellationToken) =>
        InErrorQueueAsync(queue, async (queues, _, depth) =>
        {
            var taken = await queues.TakeAsync(queue, limit, cancellationToken);
            return new DeadLetterPageView(queue, depth, [.. taken.Select(letter => DeadLetterSummaryView.From(letter.Facts, letter.Delivery.Redelivered))]);
        }, cancellationToken);

    public Task<DeadLetterLookup?> FindAsync(string queue, string messageId, CancellationToken cancellationToken) =>
        InErrorQueueAsync(queue, async (queues, _, depth) =>
        {
            var taken = await queues.TakeAsync(queue, Scan(depth), cancellationToken);
            var letter = taken.FirstOrDefault(letter => string.Equals(letter.MessageId, messageId, StringComparison.OrdinalIgnoreCase));
            return new DeadLetterLookup(letter is null
                ? null
                : DeadLetterDetailView.From(letter.Facts, DeadLetterReader.Headers(letter.Delivery.BasicProperties.Headers), letter.Delivery.Body.Span));
        }, cancellationToken);

    public Task<RequeueResultView?> RequeueAsync(string queue, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
        InErrorQueueAsync(queue, async (queues, source, depth) =>
        {
            var wanted = messageIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var requeued = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var letter in await queues.TakeAsync(queue, Scan(depth), cancellationToken))
            {
                // Every copy of a chosen message goes back, as the CLI does; the consumers keep one.
                if (letter.MessageId is { } id && wanted.Contains(id))
                {
                    await queues.MoveAsync(letter, source, cancellationToken);
                    requeued.Add(id);
                    LogRequeued(logger, id, letter.MessageType, queue, source);
                }
            }

            // The rest go back when the channel closes.
            return new RequeueResultView(
                [.. messageIds.Where(requeued.Contains).Distinct(StringComparer.OrdinalIgnoreCase)],
                [.. messageIds.Where(id => !requeued.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase)]);
        }, cancellationToken);

    /// <summary>All the queue held when the request began (what arrives later is not looked at), up to <see cref="MaxScan"/>.</summary>
    private static int Scan(uint depth) => (int)Math.Min(depth, MaxScan);

    private async Task<T?> InErrorQueueAsync<T>(string queue, Func<RabbitMqDeadLetterQueue, string, uint, Task<T>> action, CancellationToken cancellationToken)
        where T : class
    {
        if (SystemQueues.SourceOf(queue, SystemQueues.Receive, deadLetterQueues: true) is not { } source)
        {
            return null;
        }

        return await WithBrokerAsync(async queues =>
            await queues.TryCountAsync(queue, cancellationToken) is { } depth ? await action(queues, source, depth) : null, cancellationToken);
    }

    private async Task<T> WithBrokerAsync<T>(Func<RabbitMqDeadLetterQueue, Task<T>> action, CancellationToken cancellationToken)
    {
        var rabbit = options.Value.RabbitMq;
        try
        {
            await using var queues = await RabbitMqDeadLetterQueue.ConnectAsync(
                BrokerConnectionFactory.Create(rabbit, "payments-archive dead-letters"), BrokerConnectionFactory.Endpoints(rabbit), cancellationToken);
            return await action(queues);
        }
        catch (Exception exception) when (exception is RabbitMQClientException or OperationInterruptedException or PublishException or IOException or SocketException or TimeoutException)
        {
            LogBrokerFailed(logger, exception);
            throw new DeadLetterBrokerUnavailableException("RabbitMQ is unavailable; nothing was changed that was not confirmed.", exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requeued dead letter {MessageId} ({MessageType}) from {ErrorQueue} to {Queue} under its original MessageId")]
    private static partial void LogRequeued(ILogger logger, string messageId, string? messageType, string errorQueue, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dead-letter API could not work with RabbitMQ")]
    private static partial void LogBrokerFailed(ILogger logger, Exception exception);
}
