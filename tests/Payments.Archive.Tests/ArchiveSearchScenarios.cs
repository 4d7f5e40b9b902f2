using System.Text.Json;
using Payments.Archive.Persistence;
using Payments.Archive.Tests.Support;
using Payments.Contracts.Providers;

namespace Payments.Archive.Tests;

/// <summary>
/// <c>GET /archive/{provider}?invoice=</c> and <c>GET /archive/counts</c>, the same cases on every database (the
/// subclasses pick it).
/// </summary>
public abstract class ArchiveSearchScenarios : IAsyncLifetime
{
    private ArchiveTestHost _host = null!;

    private protected abstract Task<ArchiveTestHost> StartAsync();

    public async Task InitializeAsync() => _host = await StartAsync();

    public virtual async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_invoice_filter_Should_take_each_providers_invoice_id_and_combine_with_the_others()
    {
        var rustore = await ArchiveAsync(ProviderMessages.RuStore("inv-order-1"));           // invoice_id inv-inv-order-1
        var rustoreLater = await ArchiveAsync(ProviderMessages.RuStore("inv-order-1", "refunded"));
        var rustoreSandbox = await ArchiveAsync(ProviderMessages.RuStore("inv-order-1", "paid", environment: "sandbox"));
        await ArchiveAsync(ProviderMessages.RuStore("inv-order-2"));
        var xsolla = await ArchiveAsync(ProviderMessages.XsollaPayment("880001"));           // transaction.id
        var xsollaOrder = await ArchiveAsync(ProviderMessages.XsollaOrderPaid("880002"));    // order.invoice_id
        var robokassa = await ArchiveAsync(ProviderMessages.RoboKassa("5501"));              // InvId

        Assert.Equal([rustoreSandbox, rustoreLater, rustore], await ListAsync("/archive/rustore?invoice=inv-inv-order-1"));
        Assert.Equal([rustoreLater, rustore], await ListAsync("/archive/rustore?invoice=inv-inv-order-1&environment=production"));
        Assert.Equal([rustoreLater, rustore], await ListAsync("/archive/rustore?invoice=inv-inv-order-1&account=game&order=inv-order-1&environment=production"));
        Assert.Empty(await ListAsync("/archive/rustore?invoice=inv-inv-order-1&order=inv-order-2"));
        Assert.Empty(await ListAsync("/archive/rustore?invoice=inv-inv-order-1&account=other"));
        Assert.Equal([xsolla], await ListAsync("/archive/xsolla?invoice=880001"));
        Assert.Equal([xsollaOrder], await ListAsync("/archive/xsolla?invoice=880002"));
        Assert.Equal([robokassa], await ListAsync("/archive/robokassa?invoice=5501"));
        Assert.Empty(await ListAsync("/archive/xsolla?invoice=5501"));

        var (_, body) = await _host.GetAsync("/archive/robokassa?invoice=5501");
        Assert.Equal("5501", body.GetProperty("invoice").GetString());
        var (tooLong, _) = await _host.GetAsync($"/archive/rustore?invoice={new string('i', 256)}");
        var (longest, _) = await _host.GetAsync($"/archive/rustore?invoice={new string('i', 255)}");
        Assert.Equal((400, 200), (tooLong, longest));
    }

    [Fact]
    public async Task Counts_Should_list_accepted_and_refused_per_provider_and_UTC_hour()
    {
        var now = DateTimeOffset.UtcNow;
        var thisHour = HourCounts.StartOf(HourCounts.HourOf(now));
        await ArchiveAsync(ProviderMessages.RuStore("count-1"));
        await ArchiveAsync(ProviderMessages.RuStore("count-2"));
        await ArchiveAsync(ProviderMessages.RoboKassa("count-3"));
        // Archived earlier: 30 hours ago (outside the default 24) and 5 hours ago.
        await StoreReceivedAtAsync("xsolla", now.AddHours(-30));
        await StoreReceivedAtAsync("xsolla", now.AddHours(-5));
        await StoreReceivedAtAsync("xsolla", now.AddHours(-5));

        // Refusal summaries: two accounts and reasons in this hour, one delivered twice (counted once), one 5 hours ago.
        var twice = Guid.NewGuid();
        await _host.PublishAsync(Refused("rustore", "game", "decryption_failed", thisHour, 3), twice);
        await _host.PublishAsync(Refused("rustore", "game", "decryption_failed", thisHour, 3), twice);
        await _host.PublishAsync(Refused("rustore", "(unknown)", "unknown_account", thisHour, 2), Guid.NewGuid());
        await _host.PublishAsync(Refused("xsolla", "game", "invalid_signature", now.AddHours(-5), 4), Guid.NewGuid());
        await WaitAsync(async () => await _host.QueryAsync(db => Task.FromResult(db.RefusalSummaries.Count())) == 3, "three refusal summaries stored");
        await Task.Delay(300);
        Assert.Equal(3, await _host.QueryAsync(db => Task.FromResult(db.RefusalSummaries.Count())));

        var (status, body) = await _host.GetAsync("/archive/counts");

        Assert.Equal(200, status);
        var fiveHoursAgo = HourCounts.StartOf(HourCounts.HourOf(now.AddHours(-5)));
        Assert.Equal(
            [(fiveHoursAgo, "xsolla", 2L, 4L), (thisHour, "robokassa", 1L, 0L), (thisHour, "rustore", 2L, 5L)],
            Rows(body));
        Assert.Equal(HourCounts.StartOf(HourCounts.HourOf(now) - 23), body.GetProperty("from").GetDateTimeOffset());
        Assert.EndsWith("Z", body.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(":00:00Z", body.GetProperty("hours")[0].GetProperty("hour").GetString(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("to").GetDateTimeOffset() >= now);

        var (_, wider) = await _host.GetAsync("/archive/counts?hours=48");
        Assert.Contains((HourCounts.StartOf(HourCounts.HourOf(now.AddHours(-30))), "xsolla", 1L, 0L), Rows(wider));
        var (_, narrow) = await _host.GetAsync("/archive/counts?hours=1");
        Assert.Equal([(thisHour, "robokassa", 1L, 0L), (thisHour, "rustore", 2L, 5L)], Rows(narrow));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("169")]
    [InlineData("day")]
    [InlineData("")]
    public async Task A_bad_hours_Should_get_a_400_validation_problem(string hours)
    {
        using var response = await _host.Http.GetAsync($"/archive/counts?hours={hours}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.GetProperty("errors").TryGetProperty("hours", out _));
    }

    private static NotificationsRefused Refused(string provider, string account, string reason, DateTimeOffset from, int count) =>
        new() { Provider = provider, Account = account, Reason = reason, From = from, To = from.AddMinutes(1), Count = count };

    private static List<(DateTimeOffset, string, long, long)> Rows(JsonElement body) =>
        [.. body.GetProperty("hours").EnumerateArray().Select(h => (
            h.GetProperty("hour").GetDateTimeOffset(), h.GetProperty("provider").GetString()!, h.GetProperty("accepted").GetInt64(), h.GetProperty("refused").GetInt64()))];

    private Task<int> StoreReceivedAtAsync(string provider, DateTimeOffset receivedAt) =>
        _host.QueryAsync(db =>
        {
            db.Notifications.Add(new ArchivedNotification
            {
                MessageId = Guid.NewGuid(), Provider = provider, Account = "game", Environment = "production", MessageType = "XsollaPaymentReceived",
                ReceivedAt = receivedAt, ReceivedHour = HourCounts.HourOf(receivedAt), ArchivedAt = receivedAt, Message = "{}",
            });
            return db.SaveChangesAsync();
        });

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    private async Task<Guid> ArchiveAsync<T>(T message)
        where T : class
    {
        var messageId = Guid.NewGuid();
        await _host.PublishAsync(message, messageId);
        await _host.WaitArchivedAsync(messageId);
        return messageId;
    }

    private async Task<List<Guid>> ListAsync(string path)
    {
        var (status, body) = await _host.GetAsync(path);
        Assert.True(status == 200, $"{path}: {status}");
        return [.. body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("messageId").GetGuid())];
    }
}

public sealed class ArchiveSearchSqliteTests : ArchiveSearchScenarios
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-archive-search-").FullName;

    private protected override Task<ArchiveTestHost> StartAsync() => ArchiveTestHost.StartOnSqliteAsync(_folder);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
[Trait(Payments.Testing.Needs.Trait, Payments.Testing.Needs.Postgres)]
public sealed class ArchiveSearchPostgresTests(Payments.Testing.PostgresFixture postgres) : ArchiveSearchScenarios
{
    private protected override async Task<ArchiveTestHost> StartAsync() =>
        await ArchiveTestHost.StartAsync("Postgres", await postgres.Server.CreateDatabaseAsync("archive"));
}
