using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Notifier.Persistence;
using Payments.Notifier.Tests.Support;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>What a game server sees: one signed delivery per event and endpoint, retried until acknowledged, never twice after.</summary>
public sealed class DeliveryTests : ReceiverTest
{

    [Fact]
    public async Task A_grant_reaches_the_game_server_as_a_Standard_Webhooks_request_with_the_documented_body()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, NotifierTestHost.Endpoint(Receiver, "game"));
        var grant = Outcomes.Granted("body-1");

        await host.PublishAsync(grant, Outcomes.GrantId(grant));
        await Receiver.WaitForAsync(r => r.Count >= 1, "the grant");

        var delivery = Assert.Single(Receiver.Received);
        Assert.Matches("^msg_[0-9a-f]{32}$", delivery.Id);
        Assert.InRange(long.Parse(delivery.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // One entry per secret, and the first again at the end (DeliverySender.Signatures says why).
        var signatures = delivery.Signature.Split(' ');
        Assert.Equal(3, signatures.Length);
        Assert.Equal(2, signatures.Distinct().Count());
        Assert.Equal(signatures[0], signatures[2]);
        Assert.All(signatures, signature => Assert.StartsWith("v1,", signature));

        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal("entitlement.granted", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(Outcomes.At, body.RootElement.GetProperty("timestamp").GetDateTimeOffset());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(grant.OrderId, data.GetProperty("orderId").GetGuid());
        Assert.Equal("player-body-1", data.GetProperty("userId").GetString());
        Assert.Equal("gems_100", data.GetProperty("sku").GetString());
        Assert.Equal(1, data.GetProperty("quantity").GetInt32());
        Assert.Equal("rustore", data.GetProperty("provider").GetString());
        Assert.Equal("demo", data.GetProperty("account").GetString());
        Assert.Equal("production", data.GetProperty("environment").GetString());
        Assert.Equal(Outcomes.At, data.GetProperty("grantedAt").GetDateTimeOffset());

        var row = Assert.Single(await host.WaitSettledAsync(1));
        Assert.Equal(DeliveryStatus.Succeeded, row.Status);
        Assert.Equal(delivery.Id, row.WebhookId);
    }

    [Fact]
    public async Task A_redelivered_event_is_not_sent_again_once_acknowledged_and_each_endpoint_has_its_own_id()
    {
        var settings = NotifierTestHost.Endpoint(Receiver, "first");
        foreach (var (key, value) in NotifierTestHost.Endpoint(Receiver, "second"))
        {
            settings[key] = value;
        }

        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, settings);
        var grant = Outcomes.Granted("dup-1");
        await host.PublishAsync(grant, Outcomes.GrantId(grant));
        await Receiver.WaitForAsync(r => r.Count(x => x.Acknowledged) >= 2, "both endpoints' deliveries");
        await host.WaitSettledAsync(2);

        // Entitlements publishes a grant again whenever its OrderPaid is redelivered: 20 copies, some at once.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.PublishAsync(grant, Outcomes.GrantId(grant))));
        await Task.Delay(1_000);

        Assert.Single(Receiver.ReceivedBy("first"));
        Assert.Single(Receiver.ReceivedBy("second"));
        Assert.NotEqual(Receiver.ReceivedBy("first")[0].Id, Receiver.ReceivedBy("second")[0].Id);
        Assert.Equal(Receiver.ReceivedBy("first")[0].Body, Receiver.ReceivedBy("second")[0].Body);
        Assert.Equal(2, (await host.DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task Retries_keep_the_webhook_id_and_body_until_a_2xx_and_then_stop()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(
            Folder,
            Settings(NotifierTestHost.Endpoint(Receiver, "flaky"), ("Notifier:RetryDelays:0", "00:00:00.100"), ("Notifier:RetryDelays:1", "00:00:00.100"), ("Notifier:RetryDelays:2", "00:00:00.100"), ("Notifier:Timeout", "00:00:01")));
        Receiver.Behave("flaky", (_, nth) => nth switch
        {
            1 => 500,
            2 => WebhookAnswer.Hang(TimeSpan.FromSeconds(3)),
            3 => 302,
            _ => 200,
        });
        var revocation = Outcomes.Revoked("retry-1");
        await host.PublishAsync(revocation, Guid.NewGuid());

        var row = Assert.Single(await host.WaitSettledAsync(1));
        await Task.Delay(500);

        var received = Receiver.ReceivedBy("flaky");
        Assert.Equal(4, received.Count);
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.Equal(1, received.Count(r => r.Acknowledged));
        Assert.Equal(DeliveryStatus.Succeeded, row.Status);
        Assert.Equal(
            [AttemptOutcome.Rejected, AttemptOutcome.Timeout, AttemptOutcome.Rejected, AttemptOutcome.Succeeded],
            row.AttemptLog.OrderBy(a => a.Number).Select(a => a.Outcome));
        Assert.Equal([500, null, 302, 200], row.AttemptLog.OrderBy(a => a.Number).Select(a => a.StatusCode));
        Assert.Contains("not followed", row.AttemptLog.Single(a => a.Number == 3).Error, StringComparison.Ordinal);
        Assert.Empty(Receiver.ReceivedBy("flaky-moved"));
        Assert.Equal("answer 200 to " + received[0].Id, row.AttemptLog.Single(a => a.Number == 4).Response);
    }

    [Fact]
    public async Task A_relative_redirect_is_a_failed_attempt_and_a_2xx_whose_body_breaks_off_is_a_success()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(
            Folder, Settings(NotifierTestHost.Endpoint(Receiver, "odd"), ("Notifier:RetryDelays:0", "00:00:00.100")));
        Receiver.Behave("odd", (_, nth) => nth == 1 ? 303 : new WebhookAnswer(200, BreakBody: true));
        await host.PublishAsync(Outcomes.Granted("odd-1"), Guid.NewGuid());

        var row = Assert.Single(await host.WaitSettledAsync(1));
        await Task.Delay(300);

        var attempts = row.AttemptLog.OrderBy(a => a.Number).ToList();
        Assert.True(row.Status == DeliveryStatus.Succeeded, string.Join("; ", attempts.Select(a => $"{a.Outcome} {a.StatusCode} {a.Error}")));
        Assert.Equal([AttemptOutcome.Rejected, AttemptOutcome.Succeeded], attempts.Select(a => a.Outcome));
        Assert.Equal("Redirect to /odd-moved not followed.", attempts[0].Error);
        Assert.StartsWith("the start of a body", attempts[1].Response, StringComparison.Ordinal);
        Assert.Equal(2, Receiver.ReceivedBy("odd").Count);
        Assert.Empty(Receiver.ReceivedBy("odd-moved"));
    }

    [Fact]
    public async Task After_the_last_attempt_the_delivery_is_failed_and_a_retry_by_API_delivers_it_under_the_same_id()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(
            Folder,
            Settings(NotifierTestHost.Endpoint(Receiver, "down"), ("Notifier:RetryDelays:0", "00:00:00.050"), ("Notifier:RetryDelays:1", "00:00:00.050")));
        var serverUp = false;
        Receiver.Behave("down", (_, _) => Volatile.Read(ref serverUp) ? 204 : 503);
        await host.PublishAsync(Outcomes.StatusChanged("fail-1", "placed", "paid"), Guid.NewGuid());

        var row = Assert.Single(await host.WaitSettledAsync(1));
        Assert.Equal(DeliveryStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);

        Volatile.Write(ref serverUp, true);
        var (status, _) = await host.PostAsync($"/notifier/deliveries/{row.WebhookId}/retry");
        Assert.Equal(202, status);
        await Receiver.WaitForAsync(r => r.Any(x => x.Acknowledged), "the retried delivery");
        row = Assert.Single(await host.WaitSettledAsync(1));

        Assert.Equal(DeliveryStatus.Succeeded, row.Status);
        Assert.Equal(4, row.Attempts);
        Assert.Single(Receiver.ReceivedBy("down").Select(r => r.Id).Distinct());
        Assert.Equal(409, (await host.PostAsync($"/notifier/deliveries/{row.WebhookId}/retry")).Status);
    }

    [Fact]
    public async Task A_410_disables_its_endpoint_only_and_enabling_it_sends_what_waited()
    {
        var settings = Settings(NotifierTestHost.Endpoint(Receiver, "gone"), ("Notifier:RetryDelays:0", "00:00:00.050"));
        foreach (var (key, value) in NotifierTestHost.Endpoint(Receiver, "alive"))
        {
            settings[key] = value;
        }

        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, settings);
        var goneAnswers = true;
        Receiver.Behave("gone", (_, _) => Volatile.Read(ref goneAnswers) ? 410 : 204);

        await host.PublishAsync(Outcomes.Granted("gone-1"), Guid.NewGuid());
        await Receiver.WaitForAsync(r => r.Any(x => x.Endpoint == "gone") && r.Any(x => x.Endpoint == "alive" && x.Acknowledged), "the first deliveries");
        await WaitAsync(async () => await host.QueryAsync(db => db.Endpoints.AnyAsync(e => e.Name == "gone" && e.Disabled)), "the endpoint disabled");
        await host.PublishAsync(Outcomes.Granted("gone-2"), Guid.NewGuid());
        await Receiver.WaitForAsync(r => r.Count(x => x.Endpoint == "alive" && x.Acknowledged) == 2, "the second grant at the live endpoint");
        await Task.Delay(500);

        Assert.Single(Receiver.ReceivedBy("gone"));
        var (_, endpoints) = await host.GetAsync("/notifier/endpoints");
        var gone = endpoints.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "gone");
        Assert.Equal("disabled", gone.GetProperty("health").GetString());
        Assert.Equal(2, gone.GetProperty("pending").GetInt32());
        var alive = endpoints.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "alive");
        Assert.Equal("healthy", alive.GetProperty("health").GetString());

        Volatile.Write(ref goneAnswers, false);
        Assert.Equal(200, (await host.PostAsync("/notifier/endpoints/gone/enable")).Status);
        await Receiver.WaitForAsync(r => r.Count(x => x.Endpoint == "gone" && x.Acknowledged) == 2, "both grants after enabling");
        var deliveries = await host.WaitSettledAsync(4);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Succeeded, d.Status));
    }

    [Fact]
    public async Task Filters_choose_the_endpoints_by_event_type_account_and_environment()
    {
        var settings = NotifierTestHost.Endpoint(Receiver, "grants", ("Events:0", "entitlement.granted"));
        foreach (var (key, value) in NotifierTestHost.Endpoint(Receiver, "sandbox", ("Environments:0", "sandbox")))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in NotifierTestHost.Endpoint(Receiver, "other", ("Accounts:0", "other-game")))
        {
            settings[key] = value;
        }

        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, settings);
        await host.PublishAsync(Outcomes.Granted("f-1"), Guid.NewGuid());
        await host.PublishAsync(Outcomes.Granted("f-2", environment: "sandbox"), Guid.NewGuid());
        await host.PublishAsync(Outcomes.Revoked("f-3"), Guid.NewGuid());
        await host.PublishAsync(Outcomes.Granted("f-4", account: "other-game"), Guid.NewGuid());
        await host.WaitSettledAsync(4);
        await Task.Delay(300);

        string Types(string endpoint) => string.Join(",", Receiver.ReceivedBy(endpoint).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("userId").GetString()).Order());
        Assert.Equal("player-f-1,player-f-2,player-f-4", Types("grants"));
        Assert.Equal("player-f-2", Types("sandbox"));
        Assert.Equal("player-f-4", Types("other"));
    }

    [Fact]
    public async Task An_endpoint_that_hangs_does_not_hold_up_another()
    {
        // Four slots in all, two of them for the slow endpoint: without its own limit it would take all four, and
        // the fast endpoint's deliveries would wait for the slow one's 10 s timeouts.
        var settings = Settings(NotifierTestHost.Endpoint(Receiver, "slow", ("MaxConcurrency", "2")), ("Notifier:Timeout", "00:00:10"), ("Notifier:MaxConcurrentDeliveries", "4"));
        foreach (var (key, value) in NotifierTestHost.Endpoint(Receiver, "fast"))
        {
            settings[key] = value;
        }

        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, settings);
        Receiver.Behave("slow", (_, _) => WebhookAnswer.Hang(TimeSpan.FromSeconds(12)));
        for (var i = 0; i < 20; i++)
        {
            await host.PublishAsync(Outcomes.Granted($"slow-{i}"), Guid.NewGuid());
        }

        await Receiver.WaitForAsync(r => r.Count(x => x.Endpoint == "fast" && x.Acknowledged) == 20, "every grant at the fast endpoint", TimeSpan.FromSeconds(8));

        // The slow endpoint never had more than its two slots: the other 18 of its deliveries are still waiting.
        Assert.Equal(2, Receiver.ReceivedBy("slow").Count);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never saw {what}");
            await Task.Delay(20);
        }
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> settings, params (string Key, string Value)[] more)
    {
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
