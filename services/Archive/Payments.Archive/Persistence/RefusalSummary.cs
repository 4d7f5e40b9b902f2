namespace Payments.Archive.Persistence;

/// <summary>
/// One <see cref="Payments.Contracts.Providers.NotificationsRefused"/> as received: Ingress refused <see cref="Count"/>
/// notifications of one provider, account and reason in one minute of <see cref="Hour"/>. Stored once per MessageId
/// (unique), so a redelivered summary counts once; <c>GET /archive/counts</c> sums them per hour and provider.
/// </summary>
public sealed class RefusalSummary
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public string Provider { get; set; } = "";
    public string Account { get; set; } = "";
    public string Reason { get; set; } = "";

    /// <summary>The window's hour as whole hours since 1970-01-01 UTC (as <see cref="ArchivedNotification.ReceivedHour"/>).</summary>
    public long Hour { get; set; }

    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public int Count { get; set; }
}
