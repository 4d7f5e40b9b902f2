using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Payments.Cli.DeadLetters;

/// <summary>
/// Moves messages from a MassTransit error queue back to the queue they faulted on. Messages are taken without
/// acknowledgement; each one moved is published to the target queue (default exchange, mandatory, with a publisher
/// confirm) and only then acknowledged, so a crash in between leaves a copy in the error queue rather than none,
/// and the consumers' idempotence absorbs the copy. Messages not moved are handed back to the error queue.
/// The body is moved byte for byte, so the MassTransit envelope keeps its MessageId.
/// </summary>
internal sealed class DeadLetterQueue : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private DeadLetterQueue(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<DeadLetterQueue> ConnectAsync(Uri broker, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "payments-cli replay dead-letters" };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            return new DeadLetterQueue(connection, channel);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages in <paramref name="queue"/>; a missing queue is reported by name.</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await _channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            throw new ArgumentException($"RabbitMQ has no queue '{queue}'.", exception);
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
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
