using System.Text.Json;
using Payments.Archive.Capture;
using Payments.Archive.Persistence;

namespace Payments.Archive.Api;

/// <summary>Answer of <c>GET /archive/messages/{messageId}</c>: the summary and the whole message as JSON.</summary>
public sealed record ArchivedNotificationView
{
    public required ArchivedNotificationSummary Notification { get; init; }

    /// <summary>The provider message as Ingress published it, raw payload included, in its type's current shape (<see cref="ArchivedMessageType.Read"/>).</summary>
    public required JsonElement Message { get; init; }

    public static ArchivedNotificationView From(ArchivedNotification notification) => new()
    {
        Notification = ArchivedNotificationSummary.From(notification),
        Message = ArchivedMessageTypes.Find(notification.MessageType) is { } type ? type.Read(notification.Message) : Parse(notification.Message),
    };

    private static JsonElement Parse(string json)
    {
        using var message = JsonDocument.Parse(json);
        return message.RootElement.Clone();
    }
}
