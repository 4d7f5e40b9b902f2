using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>One line of <c>GET /users/{userId}/entitlements/history</c>: a grant, active or revoked.</summary>
internal sealed record HistoryLine(Guid OrderId, string Sku, bool Active);

/// <summary>The ledger's history of a run's users, and how it must agree with the grant and revocation events published.</summary>
internal static class EntitlementHistory
{
    /// <summary>Every line of the users' histories in each environment asked for (a user with none answers 404: no lines).</summary>
    public static async Task<IReadOnlyList<HistoryLine>> ReadAsync(Uri entitlements, IEnumerable<(string Environment, string UserId)> queries)
    {
        using var client = ApiCredentials.Tests.Client(entitlements, TimeSpan.FromSeconds(30));
        var lines = new ConcurrentBag<HistoryLine>();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (query, ct) =>
        {
            using var response = await client.GetAsync($"/users/{Uri.EscapeDataString(query.UserId)}/entitlements/history?environment={query.Environment}", ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            response.EnsureSuccessStatusCode();
            using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            foreach (var grant in view.RootElement.GetProperty("grants").EnumerateArray())
            {
                lines.Add(new HistoryLine(grant.GetProperty("orderId").GetGuid(), grant.GetProperty("sku").GetString() ?? "", grant.GetProperty("active").GetBoolean()));
            }
        });
        return [.. lines];
    }

    /// <summary>
    /// Where the published events and the ledger disagree: an event for a line the ledger lacks, an active line never
    /// announced (or announced revoked), a revoked line whose grant was announced but not its revocation. A line
    /// revoked before its grant was written (the revocation reached Entitlements first) is announced neither way:
    /// that is no disagreement, it is counted in <paramref name="neverAnnounced"/>.
    /// </summary>
    public static IReadOnlyList<string> Disagreements(IReadOnlyList<HistoryLine> ledger, IReadOnlyCollection<WebhookKey> events, out int neverAnnounced)
    {
        var lines = ledger.GroupBy(l => (l.OrderId, l.Sku)).ToDictionary(g => g.Key, g => g.First());
        var announced = events.ToHashSet();
        var problems = new List<string>();
        problems.AddRange(events.Where(e => !lines.ContainsKey((e.OrderId, e.Sku))).Select(e => $"{e} was published, and the ledger has no such line"));
        neverAnnounced = 0;
        foreach (var line in lines.Values)
        {
            var granted = announced.Contains(new WebhookKey(line.OrderId, line.Sku, WebhookKey.Granted));
            var revoked = announced.Contains(new WebhookKey(line.OrderId, line.Sku, WebhookKey.Revoked));
            if (line.Active && !granted)
            {
                problems.Add($"{line.OrderId}/{line.Sku} is active in the ledger, and its grant was never published");
            }
            else if (line.Active && revoked)
            {
                problems.Add($"{line.OrderId}/{line.Sku} is active in the ledger, and its revocation was published");
            }
            else if (!line.Active && granted && !revoked)
            {
                problems.Add($"{line.OrderId}/{line.Sku} is revoked in the ledger, its grant was published and its revocation not");
            }
            else if (!line.Active && !granted)
            {
                neverAnnounced++;
            }
        }

        return problems;
    }
}
