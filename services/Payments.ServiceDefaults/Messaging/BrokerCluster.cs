using System.Globalization;
using MassTransit;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// A RabbitMQ cluster as the services use it: the client knows every node (<c>Bus:RabbitMq:ClusterNodes</c>) and
/// connects to whichever answers, and every receive queue is a quorum queue (<c>Bus:RabbitMq:QuorumQueues</c>),
/// replicated over the nodes, with a delivery limit and its own dead-letter queue.
/// </summary>
public static class BrokerCluster
{
    /// <summary>Where a quorum queue's messages go after <see cref="RabbitMqOptions.DeliveryLimit"/> deliveries: <c>&lt;queue&gt;_dead-letter</c>.</summary>
    public const string DeadLetterSuffix = "_dead-letter";

    /// <summary><c>host:port</c> or <c>host</c>; an IPv6 address in brackets (<c>[::1]:5672</c>).</summary>
    public static bool TryParseNode(string node, out string host, out int? port)
    {
        host = node.Trim();
        port = null;
        var colon = host.LastIndexOf(':');
        var bracket = host.LastIndexOf(']');
        if (colon > bracket && colon >= 0)
        {
            if (!int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                return false;
            }

            port = value;
            host = host[..colon];
        }

        return host.Length > 0 && !host.Contains('/', StringComparison.Ordinal) && !host.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// The nodes a client may connect to: every <c>Bus:RabbitMq:ClusterNodes</c> entry with its port (the configured
    /// port when the entry has none), or the one <c>Host</c> and port.
    /// </summary>
    public static IReadOnlyList<(string Host, int Port)> Nodes(RabbitMqOptions options)
    {
        var configured = options.EffectiveClusterNodes;
        if (configured.Count == 0)
        {
            return [(options.Host, options.EffectivePort)];
        }

        return [.. configured.Select(node => TryParseNode(node, out var host, out var port)
            ? (host, port ?? options.EffectivePort)
            : throw new InvalidOperationException($"Bus:RabbitMq:ClusterNodes has '{node}', which is not host:port."))];
    }

    /// <summary>Gives the client every cluster node; it connects to the first that answers and fails over to the others.</summary>
    public static void Configure(IRabbitMqHostConfigurator host, RabbitMqOptions options)
    {
        if (options.EffectiveClusterNodes.Count == 0)
        {
            return;
        }

        host.UseCluster(cluster =>
        {
            foreach (var (name, port) in Nodes(options))
            {
                cluster.Node(string.Create(CultureInfo.InvariantCulture, $"{name}:{port}"));
            }
        });
    }

    /// <summary>
    /// Declares the endpoint's queue as a quorum queue that dead-letters a message the broker delivered
    /// <see cref="RabbitMqOptions.DeliveryLimit"/> times (consumers that died holding it) to <c>&lt;queue&gt;_dead-letter</c>,
    /// at least once (the message leaves the queue only when the dead-letter queue has it), instead of redelivering it
    /// forever or dropping it. MassTransit declares the endpoint's <c>_error</c> and <c>_skipped</c> queues with the same
    /// arguments, so they are replicated too, and a message peeked in <c>_error</c> that often also moves to
    /// <c>_dead-letter</c>, never away. The dead-letter queue itself has a limit no reading reaches (<see cref="int.MaxValue"/>).
    /// </summary>
    public static void UseQuorumQueue(IRabbitMqReceiveEndpointConfigurator endpoint, string queue, RabbitMqOptions options)
    {
        endpoint.SetQuorumQueue();
        endpoint.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
        endpoint.SetQueueArgument("x-dead-letter-strategy", "at-least-once");

        // At-least-once dead-lettering needs the queue to refuse publishes when full rather than drop its oldest
        // message; these queues have no length limit, so it changes nothing else.
        endpoint.SetQueueArgument("x-overflow", "reject-publish");
        var deadLetters = queue + DeadLetterSuffix;
        endpoint.BindDeadLetterQueue(deadLetters, deadLetters, binding =>
        {
            binding.SetQuorumQueue();

            // RabbitMQ 4 gives every quorum queue a delivery limit of 20 unless it sets one, and the CLI puts a message
            // it only listed back (a delivery): the dead-letter queue must keep its messages however often they are read.
            binding.SetQueueArgument("x-delivery-limit", int.MaxValue);
        });
    }
}
