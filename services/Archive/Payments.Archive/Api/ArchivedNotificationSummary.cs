using Payments.Archive.Persistence;

namespace Payments.Archive.Api;

/// <summary>One line of <c>GET /archive/{provider}</c>: everything but the message itself.</summary>
public sealed record ArchivedNotificationSummary
{
    public required Guid MessageId { get; init; }
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string MessageType { get; init; }
    public string? ProviderOrderId { get; init; }
    public string? InvoiceId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset ArchivedAt { get; init; }

    public static ArchivedNotificationSummary From(ArchivedNotification notification) => new()
    {
        MessageId = notification.MessageId,
        Provider = notification.Provider,
        Account = notification.Account,
        Environment = notification.Environment,
        MessageType = notification.MessageType,
        ProviderOrderId = notification.ProviderOrderId,
        InvoiceId = notification.InvoiceId,
        ReceivedAt = notification.ReceivedAt,
        ArchivedAt = notification.ArchivedAt,
    };
}
