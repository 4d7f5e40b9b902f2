using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Payments.Archive.Capture;
using Payments.Archive.Persistence;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Archive.Replay;

/// <summary>
/// Publishes an archived provider message again, exactly as Ingress did: same type, same content, same MessageId.
/// Nothing downstream applies it twice: the Normalizer derives its domain event's id from that MessageId, the order
/// saga records a repeated provider event as a duplicate (re-emitting its outcome under the same id), and the
/// grant ledger is keyed by (order, sku). The archive itself sees a MessageId it has and adds no row.
/// </summary>
internal sealed partial class ArchiveReplayer(ArchiveDbContext db, ConfirmedPublisher publisher, ILogger<ArchiveReplayer> logger)
{
    public async Task<(ReplayOutcome Outcome, ArchivedNotification? Notification)> ReplayAsync(Guid messageId, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.MessageId == messageId, cancellationToken);
        if (notification is null)
        {
            return (ReplayOutcome.NotFound, null);
        }

        if (ArchivedMessageTypes.Find(notification.MessageType) is not { } type)
        {
            return (ReplayOutcome.UnknownType, notification);
        }

        if (!await type.RepublishAsync(publisher, notification.Message, notification.MessageId, cancellationToken))
        {
            return (ReplayOutcome.BrokerUnavailable, notification);
        }

        LogReplayed(logger, notification.MessageType, notification.MessageId, notification.Provider, notification.Account, notification.ProviderOrderId);
        return (ReplayOutcome.Published, notification);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replayed archived {MessageType} {MessageId} ({Provider}/{Account}, order {ProviderOrderId}) under its original MessageId")]
    private static partial void LogReplayed(ILogger logger, string messageType, Guid messageId, string provider, string account, string? providerOrderId);
}
