using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.IntegrationTests;

/// <summary>Changes to the broker's exchanges and queues that a test sets up around the services, over AMQP.</summary>
internal static class BrokerTopology
{
    /// <summary>MassTransit's exchange for a message type: its full name, namespace and type separated by a colon.</summary>
    public static string ExchangeOf<TMessage>() => $"{typeof(TMessage).Namespace}:{typeof(TMessage).Name}";

    /// <summary>Deletes the exchange and with it every binding to it, as on a fresh broker no consumer has started on.</summary>
    public static async Task DeleteExchangeAsync(RabbitMqBroker broker, string exchange)
    {
        await using var connection = await Factory(broker).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeleteAsync(exchange);
    }

    /// <summary>Declares the exchange (as MassTransit does: fanout, durable) and a queue bound to it, standing in for a consumer.</summary>
    public static async Task BindStandInQueueAsync(RabbitMqBroker broker, string exchange, string queue)
    {
        await using var connection = await Factory(broker).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, routingKey: string.Empty);
    }

    private static ConnectionFactory Factory(RabbitMqBroker broker) => new()
    {
        HostName = broker.Host,
        Port = broker.Port,
        UserName = broker.Username,
        Password = broker.Password,
        VirtualHost = broker.VirtualHost,
    };
}
