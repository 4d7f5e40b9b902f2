using System.Net;
using System.Text.Json;
using Payments.DeadLetters;

namespace Payments.IntegrationTests.Access;

/// <summary>
/// The standalone host (every module, in-memory transport) lists the error queue of every endpoint it configures —
/// and they are exactly the system's receive queues the Archive probes on RabbitMQ (<see cref="SystemQueues"/>): a
/// consumer added without its queue in that list would be invisible to the console on RabbitMQ, and fails here.
/// </summary>
public sealed class StandaloneDeadLetterTests(SecuredStandalone host) : IClassFixture<SecuredStandalone>
{
    [Fact]
    public async Task The_standalone_host_lists_an_empty_error_queue_for_each_of_the_systems_receive_queues_and_no_other()
    {
        using var client = host.Current.Client(host.Url, TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync("/dead-letters");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {body}\n{host.RecentOutput}");
        using var list = JsonDocument.Parse(body);
        var queues = list.RootElement.GetProperty("queues").EnumerateArray()
            .Select(q => (q.GetProperty("queue").GetString(), q.GetProperty("sourceQueue").GetString(), q.GetProperty("depth").GetInt64()))
            .ToList();
        Assert.Equal(SystemQueues.Receive.Order(StringComparer.Ordinal).Select(q => ((string?)(q + "_error"), (string?)q, 0L)), queues);
    }
}
