using System.Net;
using System.Text.Json;
using Payments.Contracts.Access;
using Payments.Notifier.Tests.Support;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>The API over real HTTP: endpoints and their health, deliveries per endpoint and per order, and the scopes.</summary>
public sealed class NotifierApiTests : IAsyncLifetime
{
    private static readonly ApiCredentials Reader = ApiCredentials.Of("reader", "notifier-reader-key-0000000000000001", Scopes.NotifierRead);
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-notifier-").FullName;
    private WebhookReceiver _receiver = null!;
    private NotifierTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var settings = NotifierTestHost.Endpoint(_receiver, "game", ("Events:0", "entitlement.granted"), ("Accounts:0", "demo"));
        settings["Notifier:Endpoints:game:Url"] = _receiver.UrlOf("game") + "?token=query-secret-1234";
        foreach (var (key, value) in NotifierTestHost.Endpoint(_receiver, "analytics"))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in Reader.Settings())
        {
            settings[key] = value;
        }

        _host = await NotifierTestHost.StartOnSqliteAsync(_folder, settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Endpoints_are_listed_with_filters_counts_and_health_and_never_with_secrets()
    {
        _receiver.Behave("analytics", (_, _) => 500);
        await _host.PublishAsync(Outcomes.Granted("api-1"), Guid.NewGuid());
        await _receiver.WaitForAsync(r => r.Any(x => x.Endpoint == "game" && x.Acknowledged) && r.Any(x => x.Endpoint == "analytics" && x.Answer == 500), "both endpoints called");
        await Task.Delay(300);

        using var response = await _host.Http.GetAsync("/notifier/endpoints");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", text, StringComparison.Ordinal);

        var endpoints = JsonDocument.Parse(text).RootElement.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        var game = endpoints["game"];
        Assert.Equal(_receiver.UrlOf("game"), game.GetProperty("url").GetString());
        Assert.Equal(["entitlement.granted"], game.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["demo"], game.GetProperty("accounts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("healthy", game.GetProperty("health").GetString());
        Assert.Equal(1, game.GetProperty("succeeded").GetInt32());
        Assert.Equal(204, game.GetProperty("lastStatusCode").GetInt32());

        var analytics = endpoints["analytics"];
        Assert.Equal(["entitlement.granted", "entitlement.revoked", "order.status_changed"], analytics.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("failing", analytics.GetProperty("health").GetString());
        Assert.Equal(1, analytics.GetProperty("pending").GetInt32());
        Assert.Equal(500, analytics.GetProperty("lastStatusCode").GetInt32());
    }

    [Fact]
    public async Task Deliveries_are_listed_per_order_and_per_endpoint_with_their_attempts_and_answers()
    {
        _receiver.Behave("game", (_, nth) => nth == 1 ? 503 : 200);
        var grant = Outcomes.Granted("api-2");
        await _host.PublishAsync(grant, Outcomes.GrantId(grant));
        await _receiver.WaitForAsync(r => r.Count(x => x.Endpoint == "game" && x.Acknowledged) == 1, "the retried delivery", TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        var (status, byOrder) = await _host.GetAsync($"/notifier/orders/{grant.OrderId}/deliveries");
        Assert.Equal(200, status);
        var deliveries = byOrder.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(["analytics", "game"], deliveries.Select(d => d.GetProperty("endpoint").GetString()).Order());
        var game = deliveries.Single(d => d.GetProperty("endpoint").GetString() == "game");
        Assert.Equal("succeeded", game.GetProperty("status").GetString());
        Assert.Equal("entitlement.granted", game.GetProperty("eventType").GetString());
        Assert.Equal(Outcomes.GrantId(grant), game.GetProperty("eventId").GetGuid());
        var attempts = game.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([503, 200], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(["rejected", "succeeded"], attempts.Select(a => a.GetProperty("outcome").GetString()));
        Assert.StartsWith("answer 503", attempts[0].GetProperty("response").GetString(), StringComparison.Ordinal);

        var webhookId = game.GetProperty("webhookId").GetString();
        var (oneStatus, one) = await _host.GetAsync($"/notifier/deliveries/{webhookId}");
        Assert.Equal(200, oneStatus);
        Assert.Equal(_receiver.ReceivedBy("game")[0].Body, one.GetProperty("payload").GetString());

        var (listStatus, list) = await _host.GetAsync("/notifier/endpoints/game/deliveries?status=succeeded&limit=5");
        Assert.Equal(200, listStatus);
        Assert.Equal([webhookId], list.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("webhookId").GetString()));
        Assert.Equal(400, (await _host.GetAsync("/notifier/endpoints/game/deliveries?status=lost")).Status);
        Assert.Equal(400, (await _host.GetAsync("/notifier/endpoints/game/deliveries?limit=0")).Status);
        Assert.Equal(404, (await _host.GetAsync("/notifier/endpoints/nobody/deliveries")).Status);
        Assert.Equal(404, (await _host.GetAsync("/notifier/deliveries/msg_unknown")).Status);
        Assert.Equal(404, (await _host.PostAsync("/notifier/deliveries/msg_unknown/retry")).Status);
        Assert.Equal(404, (await _host.PostAsync("/notifier/endpoints/nobody/test")).Status);
        Assert.Equal(404, (await _host.PostAsync("/notifier/endpoints/nobody/enable")).Status);
    }

    [Fact]
    public async Task A_test_event_goes_to_the_named_endpoint_only_whatever_its_filters()
    {
        var (status, body) = await _host.PostAsync("/notifier/endpoints/game/test");
        Assert.Equal(202, status);
        var webhookId = body.GetProperty("webhookId").GetString();
        await _receiver.WaitForAsync(r => r.Any(x => x.Id == webhookId && x.Acknowledged), "the test event");
        await Task.Delay(200);

        var received = Assert.Single(_receiver.Received);
        Assert.Equal("game", received.Endpoint);
        Assert.Equal("webhook.test", JsonDocument.Parse(received.Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Reading_needs_notifier_read_and_acting_needs_notifier_write()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        using var reader = Reader.Client(_host.Url);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/notifier/endpoints")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/notifier/endpoints")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/notifier/orders/{Guid.NewGuid()}/deliveries")).StatusCode);
        foreach (var path in new[] { "/notifier/endpoints/game/test", "/notifier/endpoints/game/enable", "/notifier/deliveries/msg_x/retry" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync(path, null)).StatusCode);
        }

        await Task.Delay(300);
        Assert.Empty(_receiver.Received);
    }
}
