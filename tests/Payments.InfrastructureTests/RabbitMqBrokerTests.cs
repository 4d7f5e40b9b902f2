using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Payments.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Payments.InfrastructureTests;

[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class RabbitMqBrokerTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    private RabbitMqBroker Broker => infrastructure.RabbitMq;

    [Fact]
    public async Task The_broker_answers_the_AMQP_protocol_header_with_Connection_Start()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Broker.Host, Broker.Port);
        var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray());

        var header = new byte[11];
        await stream.ReadExactlyAsync(header);

        Assert.Equal(1, header[0]); // method frame
        Assert.Equal(0, (header[1] << 8) | header[2]); // channel 0
        Assert.Equal(10, (header[7] << 8) | header[8]); // class connection
        Assert.Equal(10, (header[9] << 8) | header[10]); // method start
    }

    [Fact]
    public async Task A_message_published_to_a_queue_can_be_got_back()
    {
        var queue = "infra-" + Guid.NewGuid().ToString("N");
        await using var connection = await Amqp.ConnectAsync(Broker);
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        try
        {
            await channel.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("hello"));

            var got = await Amqp.GetAsync(channel, queue, attempts: 50);

            Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));
        }
        finally
        {
            await channel.QueueDeleteAsync(queue);
        }
    }

    [Fact]
    public async Task StopAsync_makes_connections_fail_and_StartAgainAsync_keeps_durable_messages()
    {
        if (Broker.IsExternal)
        {
            return; // An external broker cannot be stopped by the tests.
        }

        var queue = "infra-restart-" + Guid.NewGuid().ToString("N");
        await using (var connection = await Amqp.ConnectAsync(Broker))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync(
                string.Empty, queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("survives"));
        }

        var stopwatch = Stopwatch.StartNew();
        await Broker.StopAsync();
        output.WriteLine($"stopped in {stopwatch.Elapsed.TotalSeconds:F1} s");
        try
        {
            await Assert.ThrowsAsync<BrokerUnreachableException>(async () =>
            {
                await using var down = await Amqp.ConnectAsync(Broker);
            });
            using var tcp = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync(Broker.Host, Broker.Port));
        }
        finally
        {
            await Broker.StartAgainAsync();
            output.WriteLine($"started again in {Broker.StartupTime.TotalSeconds:F1} s");
        }

        await using var again = await Amqp.ConnectAsync(Broker);
        await using var channelAgain = await again.CreateChannelAsync();
        try
        {
            var got = await Amqp.GetAsync(channelAgain, queue, attempts: 50);
            Assert.Equal("survives", Encoding.UTF8.GetString(got.Body.Span));
        }
        finally
        {
            await channelAgain.QueueDeleteAsync(queue);
        }
    }
}
