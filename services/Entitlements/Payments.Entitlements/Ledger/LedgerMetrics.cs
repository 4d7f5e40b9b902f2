using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Payments.Entitlements.Persistence;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Entitlements.Ledger;

/// <summary>Lines the ledger newly granted or revoked, on the project's meter; a re-emission changes no line and counts nothing.</summary>
internal static class LedgerMetrics
{
    private static readonly Counter<long> Grants = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.entitlements.grants", unit: "{line}", description: "Entitlement lines newly granted (a line that lands already revoked is not counted).");

    private static readonly Counter<long> Revocations = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.entitlements.revocations", unit: "{line}", description: "Active entitlement lines newly revoked, tagged with the reason.");

    /// <summary>
    /// Saves the ledger's changes, then counts the lines the save granted (inserted active) or revoked (active before).
    /// Counting after the save means an attempt that lost a race and is started again counts once.
    /// </summary>
    public static async Task SaveCountingAsync(this EntitlementsDbContext db, CancellationToken cancellationToken)
    {
        var lines = db.ChangeTracker.Entries<Grant>().ToList();
        var granted = lines.Where(l => l.State == EntityState.Added && l.Entity.IsActive).Select(l => l.Entity).ToList();
        var revoked = lines
            .Where(l => l.State == EntityState.Modified && !l.Entity.IsActive && l.OriginalValues.GetValue<DateTimeOffset?>(nameof(Grant.RevokedAt)) is null)
            .Select(l => l.Entity)
            .ToList();

        await db.SaveChangesAsync(cancellationToken);

        foreach (var line in granted)
        {
            Grants.Add(1, Provider(line), Environment(line));
        }

        foreach (var line in revoked)
        {
            Revocations.Add(1, Provider(line), Environment(line), new KeyValuePair<string, object?>("reason", line.RevokeReason ?? "unknown"));
        }
    }

    private static KeyValuePair<string, object?> Provider(Grant line) => new("provider", line.Provider);

    private static KeyValuePair<string, object?> Environment(Grant line) => new("environment", line.Environment);
}
