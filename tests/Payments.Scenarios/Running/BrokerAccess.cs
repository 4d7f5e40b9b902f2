using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.Scenarios.Running;

/// <summary>
/// An AMQP connection to the broker a <see cref="DistributedSystem"/> runs on, for what a test does around the
/// services: the fixture's node, or the first node of the cluster that answers.
/// </summary>
public sealed class BrokerAccess
{
    private readonly IReadOnlyList<RabbitMqBroker> _nodes;

    private BrokerAccess(IReadOnlyList<RabbitMqBroker> nodes)
    {
        _nodes = nodes;
    }

    /// <summary>The broker of <paramref name="shape"/>: its cluster's nodes, else the fixture's node.</summary>
    public static BrokerAccess Of(InfrastructureFixture infrastructure, SystemShape? shape = null) =>
        new(shape?.Cluster is { } cluster ? cluster.Nodes : [infrastructure.RabbitMq]);

    /// <summary>A connection to the first node that accepts one (on a cluster a stopped node is skipped).</summary>
    public async Task<IConnection> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var failures = new List<Exception>();
        foreach (var node in _nodes)
        {
            try
            {
                return await new ConnectionFactory { Uri = node.AmqpUri }.CreateConnectionAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or System.Net.Sockets.SocketException)
            {
                failures.Add(exception);
            }
        }

        throw new AggregateException($"No broker node accepted a connection ({string.Join(", ", _nodes.Select(n => $"{n.Host}:{n.Port}"))}).", failures);
    }

    /// <summary>Deletes <paramref name="queue"/> with its messages and bindings; nothing happens when there is none.</summary>
    public async Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
    }

    /// <summary><see cref="DeleteQueueAsync"/> as clean-up: a broker that is gone by then has nothing left to clean.</summary>
    public async Task TryDeleteQueueAsync(string queue)
    {
        try
        {
            await DeleteQueueAsync(queue);
        }
        catch (Exception exception) when (exception is AggregateException or RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or OperationCanceledException)
        {
            // Nothing to do: the next system that runs a Notifier deletes the queue before it starts.
        }
    }
}
