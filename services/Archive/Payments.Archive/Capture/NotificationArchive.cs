using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Payments.Archive.Persistence;
using Payments.Persistence;

namespace Payments.Archive.Capture;

/// <summary>
/// Stores a provider message once per MessageId. A provider's retry, a broker redelivery and an operator's replay
/// all carry the MessageId of the first delivery, so each of them finds the row already there and adds nothing.
/// </summary>
internal sealed partial class NotificationArchive(ArchiveDbContext db, TimeProvider clock, ILogger<NotificationArchive> logger)
{
    /// <returns>True when this call stored the message, false when it was already archived.</returns>
    public async Task<bool> StoreAsync<TMessage>(TMessage message, Guid messageId, DateTimeOffset? receivedAt, CancellationToken cancellationToken)
        where TMessage : class
    {
        if (await db.Notifications.AnyAsync(n => n.MessageId == messageId, cancellationToken))
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId);
            return false;
        }

        var type = ArchivedMessageTypes.Of<TMessage>();
        var keys = type.KeysOf(message);
        var now = clock.GetUtcNow();
        var received = (receivedAt ?? now).ToUniversalTime();
        db.Notifications.Add(new ArchivedNotification
        {
            MessageId = messageId,
            Provider = keys.Provider,
            Account = keys.Account,
            Environment = keys.Environment,
            MessageType = type.Name,
            ProviderOrderId = keys.ProviderOrderId,
            InvoiceId = keys.InvoiceId,

            // PostgreSQL keeps timestamptz in UTC only.
            ReceivedAt = received,
            ReceivedHour = HourCounts.HourOf(received),
            ArchivedAt = now,
            Message = type.Serialize(message),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
        {
            // A concurrent delivery of the same message stored it between the check and the insert.
            db.ChangeTracker.Clear();
            LogDuplicate(logger, type.Name, messageId);
            return false;
        }

        LogArchived(logger, type.Name, messageId, keys.Provider, keys.Account, keys.ProviderOrderId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived {MessageType} {MessageId} ({Provider}/{Account}, order {ProviderOrderId})")]
    private static partial void LogArchived(ILogger logger, string messageType, Guid messageId, string provider, string account, string? providerOrderId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageType} {MessageId} is already archived; nothing added")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId);
}
