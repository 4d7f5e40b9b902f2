using System.Text.Json;
using Payments.Archive.Storage;

namespace Payments.Archive.Api;

/// <summary>Answer of <c>GET /archive/messages/{messageId}</c>: the summary and the whole message as JSON.</summary>
public sealed record ArchivedNotificationView
{
    public required ArchivedNotificationSummary Notification { get; init; }

    /// <summary>The provider message as Ingress published it, raw payload included.</summary>
    public required JsonElement Message { get; init; }

    public static ArchivedNotificationView From(ArchivedNotification notification)
    {
        using var message = JsonDocument.Parse(notification.Message);
        return new ArchivedNotificationView { Notification = ArchivedNotificationSummary.From(notification), Message = message.RootElement.Clone() };
    }
}
