using System.Net;
using MassTransit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Providers;
using Payments.Contracts.Providers.RuStore;
using Payments.Ingress.Tests.Support;
using Payments.Ingress.Webhooks;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Webhooks;

/// <summary>
/// Refused notifications are counted in memory per provider, account, reason and minute, and published as one
/// <see cref="NotificationsRefused"/> per key once the minute ended — never as a provider message.
/// </summary>
public sealed class RefusalCountTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 10, 15, 20, TimeSpan.Zero);

    [Fact]
    public void Only_4xx_answers_Should_be_counted_per_key_and_minute_and_only_ended_minutes_taken()
    {
        var clock = new ManualClock(Start);
        var counter = new RefusalCounter(clock);
        var badSignature = new WebhookRejection(StatusCodes.Status400BadRequest, "invalid_signature", "t", "d");

        counter.Count("xsolla", "shop", badSignature);
        counter.Count("xsolla", "shop", badSignature);
        counter.Count("xsolla", "shop", WebhookRejection.MalformedJson);
        counter.Count("xsolla", "the-callers-name", WebhookRejection.UnknownAccount("Xsolla"));
        counter.Count("xsolla", "shop", WebhookRejection.BrokerUnavailable);
        Assert.Empty(counter.TakeEnded());

        clock.Now = Start.AddSeconds(40);   // 10:16:00, the next minute
        counter.Count("xsolla", "shop", badSignature);
        var ended = counter.TakeEnded().ToDictionary(e => (e.Key.Account, e.Key.Reason), e => (e.Count, e.Key.Minute));

        var minute = new DateTimeOffset(2026, 12, 8, 10, 15, 0, TimeSpan.Zero);
        Assert.Equal(
            new Dictionary<(string, string), (int, DateTimeOffset)>
            {
                [("shop", "invalid_signature")] = (2, minute),
                [("shop", "malformed_json")] = (1, minute),
                [(RefusalCounter.UnknownAccount, "unknown_account")] = (1, minute),
            },
            ended);
        Assert.Empty(counter.TakeEnded());

        clock.Now = Start.AddMinutes(2);
        Assert.Equal(1, Assert.Single(counter.TakeEnded()).Count);
    }

    [Fact]
    public void A_flood_of_new_keys_in_one_minute_Should_be_folded_into_one()
    {
        var clock = new ManualClock(Start);
        var counter = new RefusalCounter(clock);
        for (var i = 0; i < RefusalCounter.MaxKeysPerMinute + 50; i++)
        {
            counter.Count("rustore", "game", new WebhookRejection(400, $"reason-{i}", "t", "d"));
        }

        clock.Now = Start.AddMinutes(1);
        var taken = counter.TakeEnded();

        Assert.Equal(RefusalCounter.MaxKeysPerMinute + 1, taken.Count);
        Assert.Equal(RefusalCounter.MaxKeysPerMinute + 50, taken.Sum(t => t.Count));
        Assert.Equal(50, taken.Single(t => t.Key.Reason == "other").Count);
    }

    [Fact]
    public async Task Refused_webhooks_Should_be_published_as_summaries_once_the_minute_ended_and_never_as_provider_messages()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await IngressTestHost.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var publisher = host.Services.GetRequiredService<RefusalSummaryPublisher>();

        for (var i = 0; i < 3; i++)
        {
            using var refused = await host.PostAsync("{ not json");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var unknown = await host.PostAsync(RuStoreVectors.Rs1Body, account: "nobody-here"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var accepted = await host.PostAsync(RuStoreVectors.Rs1Body))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        Assert.Equal(0, await publisher.PublishEndedAsync(CancellationToken.None));   // the minute has not ended
        clock.Now = clock.Now.AddMinutes(1);
        Assert.Equal(2, await publisher.PublishEndedAsync(CancellationToken.None));
        Assert.Equal(0, await publisher.PublishEndedAsync(CancellationToken.None));   // nothing refused since: nothing published

        var summaries = host.Harness.Published.Select<NotificationsRefused>().Select(p => p.Context.Message).OrderBy(s => s.Reason, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("rustore", "game1", "malformed_json", 3), ("rustore", RefusalCounter.UnknownAccount, "unknown_account", 1)],
            summaries.Select(s => (s.Provider, s.Account, s.Reason, s.Count)));
        Assert.All(summaries, s => Assert.Equal((RefusalCounter.MinuteOf(s.From), TimeSpan.FromMinutes(1)), (s.From, s.To - s.From)));
        Assert.DoesNotContain(summaries, s => s.Account.Contains("nobody", StringComparison.Ordinal));

        // Only the accepted notification became a provider message.
        Assert.Single(host.Harness.Published.Select<RuStoreInvoiceStatusReceived>());
        Assert.Equal(3, host.Harness.Published.Select(_ => true).Count());
    }

    [Fact]
    public void A_summary_MessageId_Should_be_the_same_for_the_same_replica_key_and_minute_only()
    {
        var key = new RefusalKey("rustore", "game", "malformed_json", Start);

        Assert.Equal(key.MessageId("replica-a"), key.MessageId("replica-a"));
        Assert.NotEqual(key.MessageId("replica-a"), key.MessageId("replica-b"));
        Assert.NotEqual(key.MessageId("replica-a"), (key with { Minute = Start.AddMinutes(1) }).MessageId("replica-a"));
        Assert.NotEqual(key.MessageId("replica-a"), (key with { Account = "other" }).MessageId("replica-a"));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
