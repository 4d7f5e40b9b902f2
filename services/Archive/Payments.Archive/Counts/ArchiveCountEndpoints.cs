using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Payments.Archive.Api;
using Payments.Archive.Persistence;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.Archive.Counts;

/// <summary>
/// <c>GET /archive/counts?hours=24</c>: per UTC hour and provider, the notifications archived (accepted by Ingress,
/// by <c>receivedAt</c>) and the ones Ingress refused (from its <c>NotificationsRefused</c> summaries). The last
/// <c>hours</c> hours, the current one (partial) included; only hours with a count are listed.
/// </summary>
internal static class ArchiveCountEndpoints
{
    public const int DefaultHours = 24;
    public const int MaxHours = 168;

    private const string Tag = "Archive";

    public static IEndpointRouteBuilder MapArchiveCountEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/archive/counts", CountsAsync).RequireScope(Scopes.ArchiveRead)
            .WithName("CountArchivedNotifications").WithTags(Tag).WithSummary("Notifications accepted and refused per UTC hour and provider")
            .WithDescription(
                "accepted: the notifications archived (verified by Ingress), by receivedAt; refused: the ones Ingress refused with a 4xx, from its "
                + $"refusal summaries. The last hours hours (1 to {MaxHours}, default {DefaultHours}), the current one so far included: from is the start "
                + "of the first, to is now. One row per hour and provider that has a count, oldest first; times in UTC. 400 validation problem for a bad hours.")
            .WithQueryParameter("hours", $"How many hours back, the current one included: a whole number from 1 to {MaxHours} (default {DefaultHours}).")
            .Produces<ArchiveCountsView>().ProducesValidationProblem()
            .WithResponseExample(StatusCodes.Status200OK, ArchiveApiExamples.Counts);
        return routes;
    }

    private static async Task<IResult> CountsAsync(HttpRequest request, ArchiveDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var hours = DefaultHours;
        if (request.Query.TryGetValue("hours", out var given)
            && (given.Count != 1 || !int.TryParse(given[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out hours)
                || hours is < 1 or > MaxHours))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["hours"] = [$"must be a whole number from 1 to {MaxHours}"] }, title: "Invalid counts query");
        }

        var now = clock.GetUtcNow();
        var last = HourCounts.HourOf(now);
        var first = last - hours + 1;

        var accepted = await db.Notifications.AsNoTracking()
            .Where(n => n.ReceivedHour >= first && n.ReceivedHour <= last)
            .GroupBy(n => new { n.ReceivedHour, n.Provider })
            .Select(g => new { Hour = g.Key.ReceivedHour, g.Key.Provider, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var refused = await db.RefusalSummaries.AsNoTracking()
            .Where(s => s.Hour >= first && s.Hour <= last)
            .GroupBy(s => new { s.Hour, s.Provider })
            .Select(g => new { g.Key.Hour, g.Key.Provider, Count = g.Sum(s => s.Count) })
            .ToListAsync(cancellationToken);

        var rows = accepted.Select(a => (a.Hour, a.Provider)).Concat(refused.Select(r => (r.Hour, r.Provider))).Distinct()
            .OrderBy(key => key.Hour).ThenBy(key => key.Provider, StringComparer.Ordinal)
            .Select(key => new HourCount
            {
                Hour = HourCounts.StartOf(key.Hour).UtcDateTime,
                Provider = key.Provider,
                Accepted = accepted.Where(a => a.Hour == key.Hour && a.Provider == key.Provider).Sum(a => (long)a.Count),
                Refused = refused.Where(r => r.Hour == key.Hour && r.Provider == key.Provider).Sum(r => (long)r.Count),
            })
            .ToList();
        return Results.Ok(new ArchiveCountsView { From = HourCounts.StartOf(first).UtcDateTime, To = now.UtcDateTime, Hours = rows });
    }
}

/// <summary>Answer of <c>GET /archive/counts</c>; times in UTC, written with <c>Z</c>.</summary>
public sealed record ArchiveCountsView
{
    /// <summary>The start of the first hour counted (UTC).</summary>
    public required DateTime From { get; init; }

    /// <summary>When the counts were read (the end of the last, partial hour).</summary>
    public required DateTime To { get; init; }

    public required IReadOnlyList<HourCount> Hours { get; init; }
}

/// <summary>One provider's counts in one UTC hour.</summary>
public sealed record HourCount
{
    public required DateTime Hour { get; init; }
    public required string Provider { get; init; }
    public required long Accepted { get; init; }
    public required long Refused { get; init; }
}
