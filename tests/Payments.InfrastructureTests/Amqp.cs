using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.InfrastructureTests;

/// <summary>What the broker tests do over AMQP: connect to a node without automatic recovery, and poll for a message.</summary>
internal static class Amqp
{
    /// <summary>A plain connection to <paramref name="node"/>: no automatic recovery, so a stopped node shows as a failure.</summary>
    public static Task<IConnection> ConnectAsync(RabbitMqBroker node)
        => new ConnectionFactory
        {
            Uri = node.AmqpUri,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync();

    /// <summary>
    /// Takes the head of <paramref name="queue"/>, asking every 100 ms for up to <paramref name="attempts"/> times: a
    /// published message is routed asynchronously, and a quorum queue needs a leader first.
    /// </summary>
    public static async Task<BasicGetResult> GetAsync(IChannel channel, string queue, int attempts)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: true);
            if (result is not null)
            {
                return result;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No message could be got from {queue} in {attempts} attempts.");
    }
}
