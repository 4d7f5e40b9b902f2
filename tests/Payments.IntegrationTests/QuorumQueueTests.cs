using System.Globalization;
using System.Net;
using System.Text;
using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.IntegrationTests;

/// <summary>
/// <c>Bus:RabbitMq:QuorumQueues</c> and <c>Bus:RabbitMq:ClusterNodes</c> against a private node, with the Entitlements
/// host as a process: its queues are quorum queues whose delivery limit dead-letters a message instead of redelivering
/// it forever or dropping it, MassTransit's own error queue takes the same arguments (no inequivalent declaration), and
/// a client that knows several nodes connects to the one that answers.
/// </summary>
[Trait(Needs.Trait, Needs.RabbitMq)]
public sealed class QuorumQueueTests : IAsyncLifetime
{
    private const int DeliveryLimit = 2;
    private RabbitMqBroker _broker = null!;
    private string _data = "";

    public async Task InitializeAsync()
    {
        _broker = await RabbitMqBroker.StartAsync();
        _data = Directory.CreateTempSubdirectory("payments-quorum-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_the_limit_is_dead_lettered_and_a_faulted_one_keeps_its_error_queue_then_moves_on_never_away()
    {
        await using (var entitlements = Start(new Dictionary<string, string>
        {
            ["Bus__RabbitMq__QuorumQueues"] = "true",
            ["Bus__RabbitMq__DeliveryLimit"] = DeliveryLimit.ToString(CultureInfo.InvariantCulture),
        }))
        {
            await entitlements.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90));

            // A body MassTransit cannot read fails the same way on every attempt: it goes to order-paid_error at once.
            // That move declares the error queue with the endpoint's quorum arguments; a refused declaration (406)
            // would leave the message nowhere.
            await PublishAsync("order-paid", "faulted-1", "{ this is not json");
            await WaitForAsync(async () => await CountAsync("order-paid_error") == 1, "the faulted message in order-paid_error", entitlements);
        }

        // With the service stopped, a message that consumers keep taking and giving back (as a consumer that dies
        // holding it does) is delivered DeliveryLimit times, then dead-lettered, never dropped.
        await PublishAsync("order-paid", "poison-1", "{}");
        for (var delivery = 0; delivery <= DeliveryLimit; delivery++)
        {
            await TakeAndGiveBackAsync("order-paid");
        }

        Assert.Equal(0u, await CountAsync("order-paid"));
        Assert.Equal(["poison-1"], await MessageIdsAsync("order-paid_dead-letter", 1));

        // The error queue took the endpoint's arguments: peeking its message that often (as `payments replay
        // dead-letters --list` does) moves it to the same dead-letter queue instead of losing it.
        for (var peek = 0; peek <= DeliveryLimit; peek++)
        {
            await TakeAndGiveBackAsync("order-paid_error");
        }

        Assert.Equal(0u, await CountAsync("order-paid_error"));
        Assert.Equal(["faulted-1", "poison-1"], (await MessageIdsAsync("order-paid_dead-letter", 2)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_cluster_nodes_the_service_connects_to_the_node_that_answers_and_without_one_it_is_never_ready()
    {
        var closed = FreePort.GetMany(2);
        var onlyDown = new Dictionary<string, string>
        {
            // Host and Port name a node that is down: only the cluster list can lead the client to the live one.
            ["Bus__RabbitMq__Port"] = closed[0].ToString(CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__ClusterNodes__0"] = $"127.0.0.1:{closed[0]}",
            ["Bus__RabbitMq__ClusterNodes__1"] = $"127.0.0.1:{closed[1]}",
        };
        await using (var stranded = Start(onlyDown))
        {
            // Until it answers at all (a loaded machine may take a while to start it), then for 10 s more: never ready.
            using var client = new HttpClient { BaseAddress = new Uri(stranded.Url) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            DateTime? answeredAt = null;
            var answered = "";
            while (DateTime.UtcNow < deadline && (answeredAt is null || DateTime.UtcNow < answeredAt.Value.AddSeconds(10)))
            {
                try
                {
                    using var ready = await client.GetAsync("/health/ready");
                    Assert.NotEqual(HttpStatusCode.OK, ready.StatusCode);
                    answered = await ready.Content.ReadAsStringAsync();
                    answeredAt ??= DateTime.UtcNow;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(500);
            }

            Assert.Contains($"No RabbitMQ node accepts connections (tried 127.0.0.1:{closed[0]}, 127.0.0.1:{closed[1]})", answered, StringComparison.Ordinal);
        }

        var firstDown = new Dictionary<string, string>(onlyDown)
        {
            ["Bus__RabbitMq__ClusterNodes__2"] = $"{_broker.Host}:{_broker.Port}",
        };
        await using var entitlements = Start(firstDown);
        await entitlements.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90));
    }

    private ServiceProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = _broker.Host,
            ["Bus__RabbitMq__Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__Username"] = _broker.Username,
            ["Bus__RabbitMq__Password"] = _broker.Password,
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, $"entitlements-{Guid.NewGuid():N}.db")}",
        };
        foreach (var (key, value) in ApiCredentials.Tests.EnvironmentVariables.Concat(settings))
        {
            environment[key] = value;
        }

        return ServiceProcess.Start("entitlements-quorum", ServiceProcess.HostDll("Payments.Entitlements.Host"), environment, $"http://127.0.0.1:{FreePort.Get()}");
    }

    private async Task PublishAsync(string queue, string messageId, string body)
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Takes the head of <paramref name="queue"/> and gives it back unacknowledged: one delivery.</summary>
    private async Task TakeAndGiveBackAsync(string queue)
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var delivery = await channel.BasicGetAsync(queue, autoAck: false);
        Assert.NotNull(delivery);
        await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
    }

    private async Task<uint> CountAsync(string queue)
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>The MessageIds in <paramref name="queue"/>, read and given back; waits a moment for <paramref name="expected"/> (dead-lettering lands asynchronously).</summary>
    private async Task<List<string>> MessageIdsAsync(string queue, int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var connection = await Factory().CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var ids = new List<string>();
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } delivery)
            {
                ids.Add(delivery.BasicProperties.MessageId ?? "(none)");
            }

            if (ids.Count >= expected || DateTime.UtcNow > until)
            {
                return ids;
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, ServiceProcess service)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"{what} never happened\n{service.RecentOutput}");
            await Task.Delay(200);
        }
    }

    private ConnectionFactory Factory() => new() { Uri = _broker.AmqpUri };
}
