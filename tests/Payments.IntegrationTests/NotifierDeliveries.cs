using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>What a grant or revocation webhook is about: the ledger line and the event type (<c>entitlement.*</c>).</summary>
internal readonly record struct WebhookKey(Guid OrderId, string Sku, string Type)
{
    public const string Granted = "entitlement.granted";
    public const string Revoked = "entitlement.revoked";

    public override string ToString() => $"{Type} {OrderId}/{Sku}";

    /// <summary>The key a delivery's body names, or null when the body is no grant or revocation.</summary>
    public static WebhookKey? Of(ReceivedWebhook webhook)
    {
        try
        {
            using var body = JsonDocument.Parse(webhook.Body);
            var type = body.RootElement.GetProperty("type").GetString();
            if (type is not (Granted or Revoked))
            {
                return null;
            }

            var data = body.RootElement.GetProperty("data");
            return new WebhookKey(data.GetProperty("orderId").GetGuid(), data.GetProperty("sku").GetString() ?? "", type);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// What a game server received for one run, against the grants and revocations the run produced: each acknowledged
/// (a 2xx in time), none missing, none it did not produce, each under one webhook-id, no webhook-id acknowledged twice
/// and none sent with two different bodies. Requests about orders of other runs are counted and left out (the
/// broker is shared by the tests of the assembly).
/// </summary>
internal sealed class WebhookVerdict
{
    private const int Shown = 20;

    public required int Expected { get; init; }
    public required int Requests { get; init; }
    public required int AcknowledgedIds { get; init; }
    public required int Foreign { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public required IReadOnlyList<string> Extra { get; init; }
    public required IReadOnlyList<string> SplitIds { get; init; }
    public required IReadOnlyList<string> AcknowledgedTwice { get; init; }
    public required IReadOnlyList<string> ChangedBodies { get; init; }
    public required IReadOnlyList<string> Unreadable { get; init; }

    public bool Passed => Missing.Count == 0 && Extra.Count == 0 && SplitIds.Count == 0 && AcknowledgedTwice.Count == 0 && ChangedBodies.Count == 0 && Unreadable.Count == 0;

    /// <param name="expected">Every grant and revocation of the run, once each.</param>
    /// <param name="received">Everything the run's endpoint received, in arrival order.</param>
    /// <param name="ofThisRun">Whether an order belongs to the run.</param>
    public static WebhookVerdict Of(IReadOnlyCollection<WebhookKey> expected, IReadOnlyList<ReceivedWebhook> received, Func<Guid, bool> ofThisRun)
    {
        var unreadable = new List<string>();
        var mine = new List<(ReceivedWebhook Webhook, WebhookKey Key)>();
        var foreign = 0;
        foreach (var webhook in received)
        {
            if (WebhookKey.Of(webhook) is not { } key)
            {
                unreadable.Add($"{webhook.Id} #{webhook.Nth}: {Shorten(webhook.Body)}");
            }
            else if (!ofThisRun(key.OrderId))
            {
                foreign++;
            }
            else
            {
                mine.Add((webhook, key));
            }
        }

        var expectedSet = expected.ToHashSet();
        var acknowledged = mine.Where(m => m.Webhook.Acknowledged).Select(m => m.Key).ToHashSet();
        return new WebhookVerdict
        {
            Expected = expectedSet.Count,
            Requests = mine.Count,
            AcknowledgedIds = mine.Where(m => m.Webhook.Acknowledged).Select(m => m.Webhook.Id).Distinct(StringComparer.Ordinal).Count(),
            Foreign = foreign,
            Missing = [.. expectedSet.Where(key => !acknowledged.Contains(key)).Select(key =>
                $"{key}: {mine.Count(m => m.Key == key)} requests, none acknowledged")],
            Extra = [.. mine.Select(m => m.Key).Distinct().Where(key => !expectedSet.Contains(key)).Select(key =>
                $"{key}: received {mine.Count(m => m.Key == key)}×, the run never produced it")],
            SplitIds = [.. mine.GroupBy(m => m.Key).Where(g => g.Select(m => m.Webhook.Id).Distinct(StringComparer.Ordinal).Count() > 1).Select(g =>
                $"{g.Key}: under {string.Join(", ", g.Select(m => m.Webhook.Id).Distinct(StringComparer.Ordinal))}")],
            AcknowledgedTwice = [.. mine.Where(m => m.Webhook.Acknowledged).GroupBy(m => m.Webhook.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g =>
                $"{g.Key} ({g.First().Key}): acknowledged {g.Count()}× (requests #{string.Join(", #", g.Select(m => m.Webhook.Nth))})")],
            ChangedBodies = [.. mine.GroupBy(m => m.Webhook.Id, StringComparer.Ordinal).Where(g => g.Select(m => m.Webhook.Body).Distinct(StringComparer.Ordinal).Count() > 1).Select(g =>
                $"{g.Key} ({g.First().Key}): {g.Select(m => m.Webhook.Body).Distinct(StringComparer.Ordinal).Count()} different bodies")],
            Unreadable = unreadable,
        };
    }

    public string Describe()
    {
        var lines = new List<string>
        {
            $"webhooks: {Expected} grants and revocations expected; {Requests} requests about them, {AcknowledgedIds} webhook-ids acknowledged; " +
            $"{Missing.Count} missing, {Extra.Count} extra, {SplitIds.Count} under two ids, {AcknowledgedTwice.Count} acknowledged twice, " +
            $"{ChangedBodies.Count} with a changed body, {Unreadable.Count} unreadable; {Foreign} about other runs' orders (left out)",
        };
        foreach (var (name, list) in new[] { ("missing", Missing), ("extra", Extra), ("under two ids", SplitIds), ("acknowledged twice", AcknowledgedTwice), ("changed body", ChangedBodies), ("unreadable", Unreadable) })
        {
            lines.AddRange(list.Take(Shown).Select(item => $"  {name}: {item}"));
            if (list.Count > Shown)
            {
                lines.Add($"  {name}: … and {list.Count - Shown} more");
            }
        }

        return string.Join('\n', lines);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}

/// <summary>Waits for the Notifier of a <see cref="DistributedSystem"/> to deliver a run's grants and revocations.</summary>
internal static class NotifierDeliveries
{
    /// <summary>
    /// Polls until every expected key (asked afresh each round: the events may still be on their way) was
    /// acknowledged, the Notifier has no pending delivery left (so nothing more is sent) and the
    /// <paramref name="crossCheck"/> of the expectation (run only then, it may be costly) finds no problem; or until
    /// <paramref name="timeout"/>. Returns the verdict and the cross-check's problems of the last round.
    /// </summary>
    public static async Task<(WebhookVerdict Verdict, IReadOnlyList<string> Problems)> AwaitAsync(
        DistributedSystem system,
        WebhookReceiver receiver,
        string endpoint,
        Func<IReadOnlyCollection<WebhookKey>> expected,
        Func<Guid, bool> ofThisRun,
        TimeSpan timeout,
        Func<Task<IReadOnlyList<string>>>? crossCheck = null,
        Action<string>? log = null)
    {
        using var client = ApiCredentials.Tests.Client(timeout: TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        while (true)
        {
            var verdict = WebhookVerdict.Of(expected(), receiver.ReceivedBy(endpoint), ofThisRun);
            var pending = await PendingAsync(client, system);
            var delivered = verdict.Missing.Count == 0 && pending == 0;
            var late = clock.Elapsed > timeout;
            IReadOnlyList<string> problems = delivered || late ? await (crossCheck?.Invoke() ?? Task.FromResult<IReadOnlyList<string>>([])) : [];
            if ((delivered && problems.Count == 0) || late)
            {
                log?.Invoke($"webhooks after {clock.Elapsed.TotalSeconds:0.0} s: {verdict.Expected} expected, {verdict.Missing.Count} not acknowledged, " +
                    $"{(pending is { } p ? $"{p} pending" : "the Notifier API did not answer")}, {problems.Count} problems with the expectation");
                return (verdict, problems);
            }

            if (clock.Elapsed - lastLog > TimeSpan.FromSeconds(10))
            {
                lastLog = clock.Elapsed;
                log?.Invoke($"waiting for webhooks: {verdict.Expected - verdict.Missing.Count}/{verdict.Expected} acknowledged, " +
                    $"{(pending is { } p ? $"{p} pending" : "the Notifier API did not answer")}" + (problems.Count > 0 ? $", {problems.Count} problems with the expectation, e.g. {problems[0]}" : ""));
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Deliveries the Notifier has not settled yet, over every endpoint (<c>GET /notifier/endpoints</c>); null when it does not answer.</summary>
    public static async Task<int?> PendingAsync(HttpClient client, DistributedSystem system)
    {
        var notifier = system.Notifier ?? throw new InvalidOperationException("The system runs no Notifier.");
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(notifier.Url), "/notifier/endpoints"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return view.RootElement.GetProperty("endpoints").EnumerateArray().Sum(e => e.GetProperty("pending").GetInt32());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
