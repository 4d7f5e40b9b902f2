using Microsoft.EntityFrameworkCore;
using Payments.Notifier.Persistence;
using Payments.Notifier.Tests.Support;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>
/// The Notifier on PostgreSQL, migrated by its own migrations: two replicas on one database never send a delivery
/// twice, and a 10 s database outage loses none.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class NotifierPostgresTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Two_replicas_given_the_same_events_send_each_delivery_once_and_every_one_arrives()
    {
        var database = await postgres.Server.CreateDatabaseAsync("notifier");
        var settings = NotifierTestHost.Endpoint(_receiver, "game");
        settings["Notifier:RetryDelays:0"] = "00:00:00.100";
        settings["Notifier:PollInterval"] = "00:00:00.050";
        await using var first = await NotifierTestHost.StartAsync("Postgres", database, settings);
        await using var second = await NotifierTestHost.StartAsync("Postgres", database, settings);

        // Slow answers keep deliveries in flight, so both replicas look for due work while the other holds some.
        _receiver.Behave("game", (_, nth) => new WebhookAnswer(nth == 1 && Random.Shared.Next(4) == 0 ? 500 : 204, TimeSpan.FromMilliseconds(30)));
        var grants = Enumerable.Range(0, 60).Select(i => Outcomes.Granted($"replicas-{i}")).ToList();

        // Each event reaches both replicas at once: what a redelivery during a rebalance looks like.
        await Task.WhenAll(grants.SelectMany(grant => new[] { first.PublishAsync(grant, Outcomes.GrantId(grant)), second.PublishAsync(grant, Outcomes.GrantId(grant)) }));
        await _receiver.WaitForAsync(r => r.Count(x => x.Acknowledged) >= 60, "60 acknowledged deliveries");
        var deliveries = await first.WaitSettledAsync(60);
        await Task.Delay(300);

        Assert.Equal(60, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Succeeded, d.Status));
        var acknowledged = _receiver.Received.Where(r => r.Acknowledged).GroupBy(r => r.Id).ToList();
        Assert.Equal(60, acknowledged.Count);
        Assert.All(acknowledged, group => Assert.Single(group));
        Assert.Equal(
            ["20261207223454_Initial"],
            await first.QueryAsync(db => Task.FromResult(db.Database.GetAppliedMigrations().ToList())));
    }

    [Fact]
    public async Task A_10_second_database_outage_under_two_replicas_loses_no_delivery_and_sends_none_twice_after_success()
    {
        // A server of its own: stopping the shared one would fail the other tests of the collection.
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync("notifier");
        var settings = NotifierTestHost.Endpoint(_receiver, "game");
        settings["Notifier:RetryDelays:0"] = "00:00:00.200";
        settings["Notifier:RetryDelays:1"] = "00:00:01";
        settings["Notifier:RetryDelays:2"] = "00:00:05";

        // Answers that take a while, so attempts are in flight when the database stops, and are answered while it is
        // down. With a 1 s timeout the lease is 61 s: the outage is well inside it.
        settings["Notifier:Timeout"] = "00:00:01";
        await using var first = await NotifierTestHost.StartAsync("Postgres", database, settings);
        await using var second = await NotifierTestHost.StartAsync("Postgres", database, settings);
        _receiver.Behave("game", (_, _) => new WebhookAnswer(204, TimeSpan.FromMilliseconds(300)));

        var before = Enumerable.Range(0, 20).Select(i => Outcomes.Granted($"outage-a-{i}")).ToList();
        foreach (var (grant, i) in before.Select((grant, i) => (grant, i)))
        {
            await (i % 2 == 0 ? first : second).PublishAsync(grant, Outcomes.GrantId(grant));
        }

        await _receiver.WaitForAsync(r => r.Count >= 3, "the first deliveries in flight");
        await server.StopAsync();
        var during = Enumerable.Range(0, 20).Select(i => Outcomes.Granted($"outage-b-{i}")).ToList();
        foreach (var (grant, i) in during.Select((grant, i) => (grant, i)))
        {
            await (i % 2 == 0 ? first : second).PublishAsync(grant, Outcomes.GrantId(grant));
        }

        await Task.Delay(TimeSpan.FromSeconds(10));
        await server.StartAgainAsync();

        await _receiver.WaitForAsync(r => r.Where(x => x.Acknowledged).Select(x => x.Id).Distinct().Count() >= 40, "40 acknowledged deliveries", TimeSpan.FromSeconds(90));
        var deliveries = await first.WaitSettledAsync(40, TimeSpan.FromSeconds(60));
        await Task.Delay(1_000);

        Assert.Equal(40, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Succeeded, d.Status));
        var acknowledged = _receiver.Received.Where(r => r.Acknowledged).GroupBy(r => r.Id).ToList();
        Assert.Equal(40, acknowledged.Count);
        Assert.All(acknowledged, group => Assert.Single(group));
    }

    [Fact]
    public async Task An_answer_with_a_NUL_byte_is_recorded_on_PostgreSQL()
    {
        var settings = NotifierTestHost.Endpoint(_receiver, "binary");
        await using var host = await NotifierTestHost.StartAsync("Postgres", await postgres.Server.CreateDatabaseAsync("notifier"), settings);
        _receiver.Behave("binary", (_, _) => new WebhookAnswer(200, Body: "ok\0\u0001done"));

        await host.PublishAsync(Outcomes.Granted("nul-1"), Guid.NewGuid());
        var row = Assert.Single(await host.WaitSettledAsync(1));
        await Task.Delay(300);

        Assert.Equal(DeliveryStatus.Succeeded, row.Status);
        Assert.Equal("ok\uFFFD\uFFFDdone", Assert.Single(row.AttemptLog).Response);
        Assert.Single(_receiver.ReceivedBy("binary"));
    }
}
