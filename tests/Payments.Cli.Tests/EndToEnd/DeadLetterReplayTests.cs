using Payments.Testing;
using MassTransit;
using Payments.Cli.Tests.Support;
using Payments.Contracts;
using Payments.Contracts.Orders;

namespace Payments.Cli.Tests.EndToEnd;

/// <summary>
/// <c>payments replay dead-letters</c> on a real RabbitMQ with the Entitlements host: OrderPaid messages that faulted
/// into <c>order-paid_error</c> are moved back, consumed, and the grant stays single however many copies come back.
/// </summary>
[Trait(Needs.Trait, Needs.RabbitMq)]
public sealed class DeadLetterReplayTests(BrokerWithEntitlements system) : IClassFixture<BrokerWithEntitlements>
{
    private const string ErrorQueue = "order-paid_error";

    [Fact]
    public async Task Two_dead_copies_of_one_OrderPaid_moved_back_are_both_consumed_and_grant_once()
    {
        var paid = Paid("dl-order-1", "dl-user-1");
        var messageId = Guid.NewGuid();
        await DeadLetterAsync(paid, messageId);
        await DeadLetterAsync(paid, messageId);
        await system.WaitAsync(async () => await system.CountAsync(ErrorQueue) == 2, "two dead letters");

        var listed = await ReplayAsync("--list");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal(2, CountOf(listed.Output, messageId.ToString()));
        Assert.Contains("OrderPaid", listed.Output, StringComparison.Ordinal);
        Assert.Contains("simulated: the database was down", listed.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing moved", listed.Output, StringComparison.Ordinal);

        var unconfirmed = await ReplayAsync();
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("Pass --yes", unconfirmed.Output, StringComparison.Ordinal);
        Assert.Equal(2u, await system.CountAsync(ErrorQueue));
        Assert.Empty(await system.GrantsAsync("dl-user-1"));

        var first = await ReplayAsync("--count", "1", "--yes");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"Moved 1 message(s) from {ErrorQueue} to order-paid.", first.Output, StringComparison.Ordinal);
        await system.WaitAsync(async () => (await system.GrantsAsync("dl-user-1")).Count == 1, "the grant");
        await system.WaitAsync(() => Task.FromResult(Announcements(paid.OrderId) == 1), "the first announcement");
        Assert.Equal(1u, await system.CountAsync(ErrorQueue));

        var second = await ReplayAsync("--yes");
        Assert.True(second.ExitCode == 0, second.ToString());
        await system.WaitAsync(() => Task.FromResult(Announcements(paid.OrderId) == 2), "the second copy consumed (announced again)");
        Assert.Equal(0u, await system.CountAsync(ErrorQueue));
        Assert.Equal(0u, await system.CountAsync("order-paid"));

        var grant = Assert.Single(await system.GrantsAsync("dl-user-1"));
        Assert.True(grant.GetProperty("active").GetBoolean());
        Assert.Equal("sword", grant.GetProperty("sku").GetString());
        Assert.Single(system.Granted.Where(g => g.Message.OrderId == paid.OrderId).Select(g => g.MessageId).Distinct());
    }

    [Fact]
    public async Task Only_the_selected_message_is_moved_and_the_others_stay_in_the_error_queue()
    {
        var kept = Paid("dl-order-kept", "dl-user-kept");
        var moved = Paid("dl-order-moved", "dl-user-moved");
        var keptId = Guid.NewGuid();
        var movedId = Guid.NewGuid();
        var before = await system.CountAsync(ErrorQueue);
        await DeadLetterAsync(kept, keptId);
        await DeadLetterAsync(moved, movedId);
        await system.WaitAsync(async () => await system.CountAsync(ErrorQueue) == before + 2, "two dead letters");

        var result = await ReplayAsync("--message-id", movedId.ToString(), "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Moved 1 message(s)", result.Output, StringComparison.Ordinal);
        await system.WaitAsync(async () => (await system.GrantsAsync("dl-user-moved")).Count == 1, "the selected message's grant");
        Assert.Empty(await system.GrantsAsync("dl-user-kept"));
        Assert.Equal(before + 1, await system.CountAsync(ErrorQueue));

        var rest = await ReplayAsync("--message-id", keptId.ToString(), "--yes");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        await system.WaitAsync(async () => (await system.GrantsAsync("dl-user-kept")).Count == 1, "the kept message's grant once moved");
    }

    private static OrderPaid Paid(string providerOrderId, string userId)
    {
        var reference = new OrderReference { Provider = "rustore", Account = "game", Environment = "production", ProviderOrderId = providerOrderId };
        return new OrderPaid
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            UserId = userId,
            Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
            PaidAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>What MassTransit leaves in the error queue when a consumer faults: the message with its MessageId and fault headers.</summary>
    private async Task DeadLetterAsync(OrderPaid message, Guid messageId)
    {
        var endpoint = await system.Bus.GetSendEndpoint(new Uri($"queue:{ErrorQueue}"));
        await endpoint.Send(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set("MT-Reason", "fault");
            context.Headers.Set("MT-Fault-ExceptionType", "Npgsql.NpgsqlException");
            context.Headers.Set("MT-Fault-Message", "simulated: the database was down");
            context.Headers.Set("MT-Fault-ConsumerType", "Payments.Entitlements.Ledger.OrderPaidConsumer");
            context.Headers.Set("MT-Fault-Timestamp", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    private Task<CliRunner.Result> ReplayAsync(params string[] options) =>
        CliRunner.RunAsync(["replay", "dead-letters", "--rabbitmq", system.Broker.AmqpUri.ToString(), "--queue", ErrorQueue, .. options]);

    private int Announcements(Guid orderId) => system.Granted.Count(g => g.Message.OrderId == orderId);

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
