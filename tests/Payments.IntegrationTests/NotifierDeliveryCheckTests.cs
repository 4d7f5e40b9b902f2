using System.Text;
using System.Text.Json;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// The pieces of the Notifier's multi-process checks that need no running system: what a game server received is
/// compared with the run's grants and revocations, and the published events with the ledger, and each kind of
/// difference is flagged. (The game server is a loopback <see cref="WebhookReceiver"/>, fed by hand.)
/// </summary>
public sealed class NotifierDeliveryCheckTests : IAsyncLifetime
{
    private const string Endpoint = "game";
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid Foreign = Guid.NewGuid();

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Every_grant_and_revocation_acknowledged_once_under_one_id_passes()
    {
        await PostAsync("msg_1", Body(WebhookKey.Granted, First));
        await PostAsync("msg_2", Body(WebhookKey.Revoked, First));
        await PostAsync("msg_3", Body(WebhookKey.Granted, Second));

        var verdict = await VerdictAsync(3, Key(WebhookKey.Granted, First), Key(WebhookKey.Revoked, First), Key(WebhookKey.Granted, Second));

        Assert.True(verdict.Passed, verdict.Describe());
        Assert.Equal(3, verdict.AcknowledgedIds);
    }

    [Fact]
    public async Task A_missing_an_unacknowledged_an_extra_a_split_a_twice_acknowledged_a_changed_and_an_unreadable_delivery_are_each_flagged()
    {
        _receiver.Behave(Endpoint, (id, _) => id == "msg_refused" ? 500 : WebhookAnswer.Ok);
        await PostAsync("msg_refused", Body(WebhookKey.Revoked, First));                 // answered 500 only: not acknowledged
        await PostAsync("msg_a", Body(WebhookKey.Granted, First));
        await PostAsync("msg_b", Body(WebhookKey.Granted, First));                       // the same grant under a second id
        await PostAsync("msg_twice", Body(WebhookKey.Granted, Second));
        await PostAsync("msg_twice", Body(WebhookKey.Granted, Second, quantity: 2));     // acknowledged again, with another body
        await PostAsync("msg_extra", Body(WebhookKey.Revoked, Second));                  // never produced by the run
        await PostAsync("msg_status", """{"type":"order.status_changed","data":{}}""");  // not a grant or revocation
        await PostAsync("msg_other", Body(WebhookKey.Granted, Foreign));                 // another run's order: left out

        var missing = new WebhookKey(Guid.NewGuid(), "sword", WebhookKey.Granted);
        var verdict = await VerdictAsync(8, Key(WebhookKey.Granted, First), Key(WebhookKey.Revoked, First), Key(WebhookKey.Granted, Second), missing);

        Assert.False(verdict.Passed);
        Assert.Equal(2, verdict.Missing.Count);
        Assert.Contains(verdict.Missing, m => m.StartsWith(Key(WebhookKey.Revoked, First).ToString(), StringComparison.Ordinal) && m.Contains("1 requests, none acknowledged", StringComparison.Ordinal));
        Assert.Contains(verdict.Missing, m => m.StartsWith(missing.ToString(), StringComparison.Ordinal));
        Assert.Equal([Key(WebhookKey.Revoked, Second).ToString()], verdict.Extra.Select(e => e.Split(':')[0]));
        Assert.Equal([$"{Key(WebhookKey.Granted, First)}: under msg_a, msg_b"], verdict.SplitIds);
        Assert.Single(verdict.AcknowledgedTwice, a => a.StartsWith("msg_twice", StringComparison.Ordinal));
        Assert.Single(verdict.ChangedBodies, c => c.StartsWith("msg_twice", StringComparison.Ordinal));
        Assert.Single(verdict.Unreadable, u => u.StartsWith("msg_status", StringComparison.Ordinal));
        Assert.Equal(1, verdict.Foreign);
    }

    [Fact]
    public void Events_and_ledger_disagree_on_an_unknown_line_an_unannounced_grant_or_revocation_and_an_active_line_announced_revoked()
    {
        var lines = new[]
        {
            new HistoryLine(First, "sword", Active: true),   // granted and announced: fine
            new HistoryLine(First, "shield", Active: true),  // never announced
            new HistoryLine(Second, "sword", Active: false), // announced granted, not revoked
            new HistoryLine(Second, "shield", Active: true), // announced revoked while active
            new HistoryLine(Foreign, "sword", Active: false), // revoked before its grant was written: announced neither way
        };
        WebhookKey[] events =
        [
            new(First, "sword", WebhookKey.Granted),
            new(Second, "sword", WebhookKey.Granted),
            new(Second, "shield", WebhookKey.Granted),
            new(Second, "shield", WebhookKey.Revoked),
            new(First, "bow", WebhookKey.Granted), // no such line
        ];

        var problems = EntitlementHistory.Disagreements(lines, events, out var neverAnnounced);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains($"{First}/shield is active in the ledger, and its grant was never published", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"{Second}/sword is revoked in the ledger, its grant was published and its revocation not", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"{Second}/shield is active in the ledger, and its revocation was published", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"{First}/bow", StringComparison.Ordinal) && p.Contains("no such line", StringComparison.Ordinal));
        Assert.Equal(1, neverAnnounced);
        Assert.Empty(EntitlementHistory.Disagreements(lines.Take(1).ToList(), events.Take(1).ToList(), out _));
    }

    private async Task<WebhookVerdict> VerdictAsync(int requests, params WebhookKey[] expected)
    {
        // A request counts as acknowledged once its answer was sent, just after the caller has it.
        await _receiver.WaitForAsync(r => r.Count == requests && r.All(w => w.Answer != ReceivedWebhook.InProgress), $"{requests} answered requests");
        return WebhookVerdict.Of(expected, _receiver.ReceivedBy(Endpoint), orderId => orderId != Foreign);
    }

    private async Task PostAsync(string id, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _receiver.UrlOf(Endpoint)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", "1");
        request.Headers.Add("webhook-signature", "v1,unchecked");
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);
    }

    private static WebhookKey Key(string type, Guid orderId) => new(orderId, "sword", type);

    private static string Body(string type, Guid orderId, int quantity = 1) =>
        JsonSerializer.Serialize(new { type, timestamp = "2026-12-07T10:00:00Z", data = new { orderId, userId = "player-1", sku = "sword", quantity } });
}
