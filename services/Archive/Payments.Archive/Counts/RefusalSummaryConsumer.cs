using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Archive.Persistence;
using Payments.Contracts.Providers;
using Payments.Persistence;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Archive.Counts;

/// <summary>
/// Keeps each <see cref="NotificationsRefused"/> once per MessageId (Ingress derives it from the replica, the key and
/// the minute), so a redelivery or a second consumer adds nothing: one row per summary, summed by the counts API.
/// </summary>
internal sealed class RefusalSummaryConsumer(ArchiveDbContext db) : IConsumer<NotificationsRefused>
{
    public async Task Consume(ConsumeContext<NotificationsRefused> context)
    {
        if (Rehearsal.IsMarked(context))
        {
            return;
        }

        var messageId = context.MessageId ?? throw new InvalidOperationException("A NotificationsRefused arrived without a MessageId.");
        if (await db.RefusalSummaries.AnyAsync(s => s.MessageId == messageId, context.CancellationToken))
        {
            return;
        }

        var summary = context.Message;
        db.RefusalSummaries.Add(new RefusalSummary
        {
            MessageId = messageId,
            Provider = Bounded(summary.Provider, 32),
            Account = Bounded(summary.Account, 64),
            Reason = Bounded(summary.Reason, 64),
            Hour = HourCounts.HourOf(summary.From),
            From = summary.From.ToUniversalTime(),
            To = summary.To.ToUniversalTime(),
            Count = summary.Count,
        });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
        {
            // A concurrent delivery of the same summary stored it first.
            db.ChangeTracker.Clear();
        }
    }

    private static string Bounded(string value, int limit) => value.Length <= limit ? value : value[..limit];
}
