using System.Text.Json;
using MassTransit;
using Payments.Archive.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts;
using Payments.Contracts.Orders;

namespace Payments.Archive.Tests;

/// <summary>
/// The dead-letter API (README "HTTP interface", <c>/dead-letters</c>) as the console uses it, on both transports: a
/// consumer of one of the system's queues (<c>order-paid</c>) faults, the message shows up with its fault, can be
/// inspected, and goes back to its queue under its own MessageId and is consumed there.
/// </summary>
public abstract class DeadLetterApiTests : IAsyncLifetime
{
    private const string ErrorQueue = "order-paid_error";
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-dead-letters-").FullName;
    private readonly LedgerSwitch _ledger = new();

    private protected ArchiveTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await ArchiveTestHost.StartAsync(
            "Sqlite", $"Data Source={Path.Combine(_folder, "archive.db")}", await TransportAsync(), bus =>
            {
                bus.AddSingleton(_ledger);
                FlakyLedgerConsumer.Register(bus);
            });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private protected abstract Task<IDictionary<string, string?>> TransportAsync();

    /// <summary>The ledger consumes from now on.</summary>
    private protected void SucceedFromNowOn() => _ledger.Failing = false;

    [Fact]
    public async Task A_faulted_message_is_listed_with_its_fault_inspected_whole_and_requeued_under_its_MessageId()
    {
        var paid = Paid("dl-api-1");
        var messageId = await DeadLetterAsync(paid);

        var (listStatus, list) = await Host.GetAsync("/dead-letters");
        Assert.Equal(200, listStatus);
        var queue = Assert.Single(list.GetProperty("queues").EnumerateArray(), q => q.GetProperty("queue").GetString() == ErrorQueue);
        Assert.Equal("order-paid", queue.GetProperty("sourceQueue").GetString());
        Assert.True(queue.GetProperty("depth").GetInt64() >= 1, list.ToString());

        var (_, page) = await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200");
        var listed = Listed(page, messageId);
        Assert.Equal("OrderPaid", listed.GetProperty("messageType").GetString());
        Assert.Equal("simulated: the ledger refused the grant", listed.GetProperty("faultMessage").GetString());
        Assert.EndsWith(nameof(LedgerRefusedException), listed.GetProperty("faultExceptionType").GetString(), StringComparison.Ordinal);
        Assert.InRange(listed.GetProperty("faultedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(paid.OrderId.ToString(), listed.GetProperty("orderId").GetString());
        Assert.Equal(typeof(FlakyLedgerConsumer).FullName, listed.GetProperty("consumer").GetString());
        Assert.True(listed.GetProperty("redelivered").ValueKind is JsonValueKind.True or JsonValueKind.False, listed.ToString());

        var (detailStatus, detail) = await Host.GetAsync($"/dead-letters/{ErrorQueue}/{messageId}");
        Assert.Equal(200, detailStatus);
        Assert.Equal(messageId.ToString(), detail.GetProperty("messageId").GetString());
        Assert.Contains(nameof(FlakyLedgerConsumer), detail.GetProperty("faultStackTrace").GetString(), StringComparison.Ordinal);
        Assert.Equal("simulated: the ledger refused the grant", detail.GetProperty("headers").GetProperty("MT-Fault-Message").GetString());
        using (var body = JsonDocument.Parse(detail.GetProperty("body").GetString()!))
        {
            Assert.Equal(messageId.ToString(), body.RootElement.GetProperty("messageId").GetString());
            Assert.Equal("dl-api-1-user", body.RootElement.GetProperty("message").GetProperty("userId").GetString());
        }

        // Reading changed nothing: the message is still there, and the queue as deep.
        var depth = page.GetProperty("depth").GetInt64();
        var (_, again) = await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200");
        Assert.Equal(depth, again.GetProperty("depth").GetInt64());
        Listed(again, messageId);
        Assert.Empty(Host.Downstream.Of(messageId));

        _ledger.Failing = false;
        var (requeueStatus, requeued) = await Host.PostAsync($"/dead-letters/{ErrorQueue}/requeue", new { messageIds = new[] { messageId.ToString() } });

        Assert.Equal(200, requeueStatus);
        Assert.Equal([messageId.ToString()], requeued.GetProperty("requeued").EnumerateArray().Select(id => id.GetString()));
        Assert.Empty(requeued.GetProperty("notFound").EnumerateArray());
        await Host.Downstream.SettleAsync(log => log.Of(messageId).Count == 1, "the requeued OrderPaid consumed");
        var consumed = Assert.Single(Host.Downstream.Of(messageId));
        var message = Assert.IsType<OrderPaid>(consumed.Message);
        Assert.Equal((paid.OrderId, paid.UserId, paid.Order), (message.OrderId, message.UserId, message.Order));
        Assert.Equal(paid.Items, message.Items);

        var (_, after) = await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200");
        Assert.DoesNotContain(after.GetProperty("messages").EnumerateArray(), m => m.GetProperty("messageId").GetString() == messageId.ToString());
        Assert.Equal(depth - 1, after.GetProperty("depth").GetInt64());
        var (_, listAfter) = await Host.GetAsync("/dead-letters");
        Assert.Contains(listAfter.GetProperty("queues").EnumerateArray(), q => q.GetProperty("queue").GetString() == ErrorQueue);
    }

    [Fact]
    public async Task Two_requeues_of_one_message_at_once_move_it_once_and_lose_nothing()
    {
        var messageId = await DeadLetterAsync(Paid("dl-api-race"));
        var other = await DeadLetterAsync(Paid("dl-api-race-other"));
        _ledger.Failing = false;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Host.PostAsync($"/dead-letters/{ErrorQueue}/requeue", new { messageIds = new[] { messageId.ToString() } })));

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Equal(1, answers.Sum(answer => answer.Body.GetProperty("requeued").GetArrayLength()));
        Assert.Equal(3, answers.Sum(answer => answer.Body.GetProperty("notFound").GetArrayLength()));
        await Host.Downstream.SettleAsync(log => log.Of(messageId).Count == 1, "the requeued message consumed once");
        Assert.Single(Host.Downstream.Of(messageId));

        // The message nobody chose is still a dead letter, and only it.
        var (_, page) = await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200");
        Listed(page, other);
        Assert.DoesNotContain(page.GetProperty("messages").EnumerateArray(), m => m.GetProperty("messageId").GetString() == messageId.ToString());
        Assert.Empty(Host.Downstream.Of(other));
    }

    [Fact]
    public async Task A_requeue_racing_browses_either_moves_the_message_or_leaves_it_but_never_loses_it()
    {
        var messageId = await DeadLetterAsync(Paid("dl-api-browse-race"));
        _ledger.Failing = false;

        var browses = Enumerable.Range(0, 6).Select(_ => Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200")).ToList();
        var requeue = Host.PostAsync($"/dead-letters/{ErrorQueue}/requeue", new { messageIds = new[] { messageId.ToString() } });
        await Task.WhenAll([.. browses, requeue]);

        var (status, answer) = await requeue;
        Assert.Equal(200, status);
        Assert.All(browses, browse => Assert.Equal(200, browse.Result.Status));
        if (answer.GetProperty("requeued").GetArrayLength() == 1)
        {
            await Host.Downstream.SettleAsync(log => log.Of(messageId).Count == 1, "the requeued message consumed");
            Assert.DoesNotContain(
                (await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200")).Body.GetProperty("messages").EnumerateArray(),
                m => m.GetProperty("messageId").GetString() == messageId.ToString());
        }
        else
        {
            // A browse held it at that moment: the requeue did not see it, and it is still a dead letter.
            Assert.Equal([messageId.ToString()], answer.GetProperty("notFound").EnumerateArray().Select(id => id.GetString()));
            Listed((await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200")).Body, messageId);
            await Task.Delay(500);
            Assert.Empty(Host.Downstream.Of(messageId));
        }
    }

    [Fact]
    public async Task Unknown_queues_and_messages_are_404_and_bad_requests_400()
    {
        var messageId = await DeadLetterAsync(Paid("dl-api-404"));
        var unknown = Guid.NewGuid().ToString();

        Assert.Equal(404, (await Host.GetAsync("/dead-letters/no-such-queue_error")).Status);
        Assert.Equal(404, (await Host.GetAsync("/dead-letters/order-paid")).Status);
        Assert.Equal(404, (await Host.GetAsync("/dead-letters/order-paid_skipped")).Status);
        Assert.Equal(404, (await Host.GetAsync($"/dead-letters/{ErrorQueue}/{unknown}")).Status);
        Assert.Equal(404, (await Host.PostAsync("/dead-letters/no-such-queue_error/requeue", new { messageIds = new[] { messageId.ToString() } })).Status);
        Assert.Equal(400, (await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=0")).Status);
        Assert.Equal(400, (await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=201")).Status);
        Assert.Equal(400, (await Host.PostAsync($"/dead-letters/{ErrorQueue}/requeue", new { messageIds = Array.Empty<string>() })).Status);
        Assert.Equal(400, (await Host.PostAsync($"/dead-letters/{ErrorQueue}/requeue", new { messageIds = new[] { "" } })).Status);
        using (var notJson = new StringContent("{\"messageIds\":", System.Text.Encoding.UTF8, "application/json"))
        {
            using var response = await Host.Http.PostAsync($"/dead-letters/{ErrorQueue}/requeue", notJson);
            Assert.Equal(400, (int)response.StatusCode);
        }

        var (tooMany, problem) = await Host.PostAsync(
            $"/dead-letters/{ErrorQueue}/requeue", new { messageIds = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString()).ToArray() });
        Assert.Equal(400, tooMany);
        Assert.True(problem.GetProperty("errors").TryGetProperty("messageIds", out _), problem.ToString());

        var (status, answer) = await Host.PostAsync($"/dead-letters/{ErrorQueue}/requeue", new { messageIds = new[] { unknown } });
        Assert.Equal(200, status);
        Assert.Empty(answer.GetProperty("requeued").EnumerateArray());
        Assert.Equal([unknown], answer.GetProperty("notFound").EnumerateArray().Select(id => id.GetString()));

        // None of it touched the dead letter.
        Listed((await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200")).Body, messageId);
    }

    private protected static OrderPaid Paid(string providerOrderId)
    {
        var reference = new OrderReference { Provider = "rustore", Account = "game", Environment = "production", ProviderOrderId = providerOrderId };
        return new OrderPaid
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            UserId = providerOrderId + "-user",
            Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
            PaidAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Publishes <paramref name="paid"/> while the ledger fails, and waits until the API lists it as a dead letter.</summary>
    private protected async Task<Guid> DeadLetterAsync(OrderPaid paid)
    {
        var messageId = Guid.NewGuid();
        await Host.PublishAsync(paid, messageId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, page) = await Host.GetAsync($"/dead-letters/{ErrorQueue}?limit=200");
            if (status == 200 && page.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("messageId").GetString() == messageId.ToString()))
            {
                return messageId;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{messageId} never showed in {ErrorQueue}: {status} {page}");
            await Task.Delay(100);
        }
    }

    private static JsonElement Listed(JsonElement page, Guid messageId) =>
        Assert.Single(page.GetProperty("messages").EnumerateArray(), m => m.GetProperty("messageId").GetString() == messageId.ToString());
}
