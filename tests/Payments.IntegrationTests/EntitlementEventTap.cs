using System.Collections.Concurrent;
using System.Text.Json;
using Payments.Contracts.Entitlements;
using Payments.Scenarios.Running;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Payments.IntegrationTests;

/// <summary>One <c>EntitlementGranted</c> or <c>EntitlementRevoked</c> the services published, as a webhook would name it.</summary>
internal sealed record TappedEvent(WebhookKey Key, Guid MessageId);

/// <summary>
/// A queue of the test's own on the exchanges of <c>EntitlementGranted</c> and <c>EntitlementRevoked</c>: every grant
/// and revocation the system publishes, read independently of the Notifier. The ledger alone cannot say which events
/// a run produced: a revocation that reaches Entitlements before its grant leaves a revoked line and no event at
/// all, while the same line revoked after its grant was announced twice. Bind it before the system starts.
/// </summary>
internal sealed class EntitlementEventTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentDictionary<Guid, TappedEvent> _events = new();
    private int _unreadable;

    private EntitlementEventTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Every distinct event so far (a re-publication carries its first one's MessageId).</summary>
    public IReadOnlyList<TappedEvent> Events => [.. _events.Values];

    /// <summary>Messages on the exchanges that were not a readable MassTransit envelope of either type.</summary>
    public int Unreadable => Volatile.Read(ref _unreadable);

    public static async Task<EntitlementEventTap> StartAsync(BrokerAccess broker)
    {
        var connection = await broker.ConnectAsync();
        try
        {
            var channel = await connection.CreateChannelAsync();
            var tap = new EntitlementEventTap(connection, channel);

            // Exclusive: the broker deletes the queue with the connection, whatever becomes of the test.
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            foreach (var exchange in new[] { BrokerTopology.ExchangeOf<EntitlementGranted>(), BrokerTopology.ExchangeOf<EntitlementRevoked>() })
            {
                // As MassTransit declares a message type's exchange, so the services' own declaration agrees with it.
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
                await channel.QueueBindAsync(queue, exchange, routingKey: string.Empty);
            }

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                tap.Record(delivery.Body);
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
            return tap;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void Record(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            var root = envelope.RootElement;

            // A start-up rehearsal's publications are discarded by the outbox; should one ever leave, it is no event.
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty("Payments-Rehearsal", out _))
            {
                return;
            }

            var types = root.GetProperty("messageType").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
            var type = types.Any(t => t.EndsWith(":" + nameof(EntitlementGranted), StringComparison.Ordinal)) ? WebhookKey.Granted
                : types.Any(t => t.EndsWith(":" + nameof(EntitlementRevoked), StringComparison.Ordinal)) ? WebhookKey.Revoked
                : null;
            if (type is null)
            {
                Interlocked.Increment(ref _unreadable);
                return;
            }

            var message = root.GetProperty("message");
            var key = new WebhookKey(message.GetProperty("orderId").GetGuid(), message.GetProperty("sku").GetString() ?? "", type);
            var messageId = root.GetProperty("messageId").GetGuid();
            _events.TryAdd(messageId, new TappedEvent(key, messageId));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Interlocked.Increment(ref _unreadable);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
