using System.Globalization;
using Payments.DeadLetters;
using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.Archive.Tests;

/// <summary>
/// The dead-letter API on a private RabbitMQ: the broker's own <c>order-paid_error</c> queue, browsed without
/// consuming and moved with the code <c>payments replay dead-letters</c> uses.
/// </summary>
[Trait(Needs.Trait, Needs.RabbitMq)]
public sealed class RabbitMqDeadLetterApiTests(RabbitMqDeadLetterApiTests.Broker broker) : DeadLetterApiTests, IClassFixture<RabbitMqDeadLetterApiTests.Broker>
{
    private protected override Task<IDictionary<string, string?>> TransportAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Host"] = broker.Server.Host,
        ["Bus:RabbitMq:Port"] = broker.Server.Port.ToString(CultureInfo.InvariantCulture),
        ["Bus:RabbitMq:VirtualHost"] = broker.Server.VirtualHost,
        ["Bus:RabbitMq:Username"] = broker.Server.Username,
        ["Bus:RabbitMq:Password"] = broker.Server.Password,
    });

    [Fact]
    public async Task Browsing_leaves_every_message_in_the_broker_in_its_order()
    {
        var first = await DeadLetterAsync(Paid("dl-rmq-order-1"));
        var second = await DeadLetterAsync(Paid("dl-rmq-order-2"));
        var before = await broker.Server.QueuesAsync();

        var (_, page) = await Host.GetAsync("/dead-letters/order-paid_error?limit=200");
        var (_, detail) = await Host.GetAsync($"/dead-letters/order-paid_error/{second}");
        var (_, again) = await Host.GetAsync("/dead-letters/order-paid_error?limit=200");

        Assert.Equal(second.ToString(), detail.GetProperty("messageId").GetString());
        Assert.Equal(before["order-paid_error"], (await broker.Server.QueuesAsync())["order-paid_error"]);
        Assert.Equal(before["order-paid_error"], again.GetProperty("depth").GetInt64());
        var ids = again.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()).ToList();
        Assert.True(ids.IndexOf(first.ToString()) < ids.IndexOf(second.ToString()), string.Join(", ", ids));
        Assert.Equal(page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()), ids);
        Assert.True(again.GetProperty("messages").EnumerateArray().First().GetProperty("redelivered").GetBoolean(), "a browsed message comes back marked redelivered");
    }

    [Fact]
    public async Task A_quorum_queues_dead_letter_queue_is_listed_browsed_and_requeued_like_an_error_queue()
    {
        var messageId = await DeadLetterAsync(Paid("dl-rmq-dead-letter"));

        // What the broker does with a quorum error queue's message read DeliveryLimit times: it moves it to
        // order-paid_dead-letter (BrokerCluster declares that queue; here the test does).
        var factory = new ConnectionFactory { Uri = broker.Server.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("order-paid_dead-letter", durable: true, exclusive: false, autoDelete: false);
        }

        await using (var queues = await RabbitMqDeadLetterQueue.ConnectAsync(broker.Server.AmqpUri, "test", CancellationToken.None))
        {
            foreach (var letter in await queues.TakeAsync("order-paid_error", 10_000, CancellationToken.None))
            {
                await (letter.MessageId == messageId.ToString() ? queues.MoveAsync(letter, "order-paid_dead-letter", CancellationToken.None) : queues.ReturnAsync(letter, CancellationToken.None));
            }
        }

        var (_, list) = await Host.GetAsync("/dead-letters");
        var queue = Assert.Single(list.GetProperty("queues").EnumerateArray(), q => q.GetProperty("queue").GetString() == "order-paid_dead-letter");
        Assert.Equal("order-paid", queue.GetProperty("sourceQueue").GetString());
        Assert.Equal(1, queue.GetProperty("depth").GetInt64());
        var (_, page) = await Host.GetAsync("/dead-letters/order-paid_dead-letter");
        Assert.Equal(messageId.ToString(), Assert.Single(page.GetProperty("messages").EnumerateArray()).GetProperty("messageId").GetString());

        SucceedFromNowOn();
        var (status, requeued) = await Host.PostAsync("/dead-letters/order-paid_dead-letter/requeue", new { messageIds = new[] { messageId.ToString() } });

        Assert.Equal(200, status);
        Assert.Equal([messageId.ToString()], requeued.GetProperty("requeued").EnumerateArray().Select(id => id.GetString()));
        await Host.Downstream.SettleAsync(log => log.Of(messageId).Count == 1, "the message requeued from the dead-letter queue consumed");
        Assert.Equal(0, (await Host.GetAsync("/dead-letters/order-paid_dead-letter")).Body.GetProperty("depth").GetInt64());
    }

    [Fact]
    public async Task Without_the_broker_every_route_answers_503_and_the_dead_letter_survives()
    {
        var messageId = await DeadLetterAsync(Paid("dl-rmq-503"));
        await broker.Server.StopAsync();
        try
        {
            Assert.Equal(503, (await Host.GetAsync("/dead-letters")).Status);
            Assert.Equal(503, (await Host.GetAsync("/dead-letters/order-paid_error")).Status);
            Assert.Equal(503, (await Host.GetAsync($"/dead-letters/order-paid_error/{messageId}")).Status);
            var (status, problem) = await Host.PostAsync("/dead-letters/order-paid_error/requeue", new { messageIds = new[] { messageId.ToString() } });
            Assert.Equal(503, status);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }
        finally
        {
            await broker.Server.StartAgainAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Host.GetAsync($"/dead-letters/order-paid_error/{messageId}")).Status != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "the dead letter was not in its queue after the broker came back");
            await Task.Delay(200);
        }
    }

    /// <summary>One private RabbitMQ for the class; each test has its own archive host on it.</summary>
    public sealed class Broker : IAsyncLifetime
    {
        private RabbitMqBroker? _server;

        public RabbitMqBroker Server => _server ?? throw new InvalidOperationException("The broker did not start.");

        public async Task InitializeAsync() => _server = await RabbitMqBroker.StartAsync();

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
