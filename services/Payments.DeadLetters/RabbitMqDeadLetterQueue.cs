using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Payments.DeadLetters;

/// <summary>
/// Reads and moves the messages of MassTransit error queues on RabbitMQ. Messages are taken with basic.get without
/// acknowledgement: until acknowledged they stay the broker's, invisible to other readers, and whatever is not
/// acknowledged goes back to its queue when handed back or when the channel closes (also when this process dies).
/// A moved message is published to the target queue (default exchange, mandatory, with a publisher confirm) and only
/// then acknowledged, so a crash in between leaves a copy in the error queue rather than none, and the consumers'
/// idempotence absorbs the copy. The body is moved byte for byte, so the MassTransit envelope keeps its MessageId.
/// </summary>
public sealed class RabbitMqDeadLetterQueue : IAsyncDisposable
{
    private readonly IConnection _connection;
    private IChannel _channel;

    private RabbitMqDeadLetterQueue(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static Task<RabbitMqDeadLetterQueue> ConnectAsync(Uri broker, string clientName, CancellationToken cancellationToken) =>
        ConnectAsync(new ConnectionFactory { Uri = broker, ClientProvidedName = clientName }, endpoints: null, cancellationToken);

    /// <summary>Connects with <paramref name="factory"/>, to the first of <paramref name="endpoints"/> that answers when given (a cluster).</summary>
    public static async Task<RabbitMqDeadLetterQueue> ConnectAsync(
        ConnectionFactory factory, IReadOnlyList<AmqpTcpEndpoint>? endpoints, CancellationToken cancellationToken)
    {
        var connection = endpoints is { Count: > 0 }
            ? await factory.CreateConnectionAsync(endpoints, cancellationToken)
            : await factory.CreateConnectionAsync(cancellationToken);
        try
        {
            return new RabbitMqDeadLetterQueue(connection, await OpenChannelAsync(connection, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages ready in <paramref name="queue"/>; a missing queue is reported by name.</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken cancellationToken) =>
        await TryCountAsync(queue, cancellationToken) ?? throw new ArgumentException($"RabbitMQ has no queue '{queue}'.");

    /// <summary>
    /// The messages ready in <paramref name="queue"/> (a passive declare: creates nothing), or null when it does not
    /// exist. The broker closes a channel that asks for a missing queue, so a new one is opened for what follows.
    /// </summary>
    public async Task<uint?> TryCountAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await _channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            await _channel.DisposeAsync();
            _channel = await OpenChannelAsync(_connection, cancellationToken);
            return null;
        }
    }

    /// <summary>Takes up to <paramref name="count"/> messages from the head of <paramref name="queue"/>, unacknowledged.</summary>
    public async Task<IReadOnlyList<DeadLetter>> TakeAsync(string queue, int count, CancellationToken cancellationToken)
    {
        var taken = new List<DeadLetter>();
        while (taken.Count < count && await _channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } delivery)
        {
            taken.Add(DeadLetterReader.Read(delivery));
        }

        return taken;
    }

    /// <summary>Publishes the message to <paramref name="targetQueue"/> with a confirm, then removes it from the error queue.</summary>
    public async Task MoveAsync(DeadLetter letter, string targetQueue, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties(letter.Delivery.BasicProperties)
        {
            Headers = (letter.Delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .Where(header => !DeadLetterReader.IsFaultHeader(header.Key))
                .ToDictionary(header => header.Key, header => header.Value),
        };

        // With confirmation tracking on, this returns once the broker confirmed, and throws if it refused or could not route.
        await _channel.BasicPublishAsync(exchange: "", routingKey: targetQueue, mandatory: true, basicProperties: properties, body: letter.Delivery.Body, cancellationToken);
        await _channel.BasicAckAsync(letter.DeliveryTag, multiple: false, cancellationToken);
    }

    /// <summary>Hands a message back to its error queue untouched.</summary>
    public Task ReturnAsync(DeadLetter letter, CancellationToken cancellationToken) =>
        _channel.BasicNackAsync(letter.DeliveryTag, multiple: false, requeue: true, cancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        // Closing the channel hands back whatever is still unacknowledged.
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task<IChannel> OpenChannelAsync(IConnection connection, CancellationToken cancellationToken) =>
        await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
}
