using MassTransit;
using Payments.Archive.Tests.Support;

namespace Payments.Archive.Tests;

/// <summary>
/// The dead-letter API on MassTransit's in-memory transport (the standalone host's): the error pipe of every system
/// endpoint keeps the faulted message, and a requeue sends its bytes back to the source queue.
/// </summary>
public sealed class InMemoryDeadLetterApiTests : DeadLetterApiTests
{
    private protected override Task<IDictionary<string, string?>> TransportAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" });

    [Fact]
    public async Task Every_system_endpoint_of_the_process_has_its_error_queue_listed_also_when_empty()
    {
        var (status, list) = await Host.GetAsync("/dead-letters");

        Assert.Equal(200, status);
        var queues = list.GetProperty("queues").EnumerateArray()
            .Select(q => (q.GetProperty("queue").GetString(), q.GetProperty("sourceQueue").GetString(), q.GetProperty("depth").GetInt64()))
            .ToList();

        // This host runs the archive's consumer, the test's ledger and a downstream consumer of its own: on the in-memory
        // transport the list is the process's endpoints.
        Assert.Equal(
            [("downstream_error", "downstream", 0L), ("notification-archive_error", "notification-archive", 0L), ("order-paid_error", "order-paid", 0L), ("refusal-summary_error", "refusal-summary", 0L)],
            queues);
    }

    [Fact]
    public void A_system_endpoint_keeps_its_faulted_messages_in_the_store_instead_of_moving_them_to_an_error_queue()
    {
        // MassTransit's probe names each filter of every pipe: the default error pipe moves ("moveFault"), this one keeps.
        var probe = System.Text.Json.JsonSerializer.Serialize(Host.Bus.GetProbeResult());

        Assert.Contains("payments-dead-letter-store", probe, StringComparison.Ordinal);
        Assert.DoesNotContain("moveFault", probe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requeued_message_carries_its_transport_headers_but_not_the_faults()
    {
        var messageId = await DeadLetterAsync(Paid("dl-api-headers"));
        var (_, detail) = await Host.GetAsync($"/dead-letters/order-paid_error/{messageId}");
        Assert.True(detail.GetProperty("headers").TryGetProperty("MT-Reason", out _), detail.ToString());

        // Faulted again after the requeue: the new fault headers are the new fault's, not a leftover of the first.
        var (status, _) = await Host.PostAsync("/dead-letters/order-paid_error/requeue", new { messageIds = new[] { messageId.ToString() } });
        Assert.Equal(200, status);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Host.GetAsync($"/dead-letters/order-paid_error/{messageId}")).Status != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "the requeued message never faulted again");
            await Task.Delay(50);
        }

        var (_, again) = await Host.GetAsync($"/dead-letters/order-paid_error/{messageId}");
        Assert.True(again.GetProperty("faultedAt").GetDateTimeOffset() > detail.GetProperty("faultedAt").GetDateTimeOffset(), again.ToString());
    }
}
