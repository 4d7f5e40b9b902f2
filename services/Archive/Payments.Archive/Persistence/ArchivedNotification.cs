namespace Payments.Archive.Persistence;

/// <summary>
/// One verified provider notification as Ingress published it. Rows are only ever added: the archive is the
/// audit trail of what the providers said, so nothing here is updated or deleted (see <see cref="ArchiveDbContext"/>).
/// </summary>
public sealed class ArchivedNotification
{
    /// <summary>Insertion order; the list API reads newest first by it (SQLite cannot order by a DateTimeOffset).</summary>
    public long Id { get; set; }

    /// <summary>The envelope's MessageId: Ingress derives it from the provider's event identity, so retries share it. Unique.</summary>
    public Guid MessageId { get; set; }

    public string Provider { get; set; } = "";
    public string Account { get; set; } = "";
    public string Environment { get; set; } = "";

    /// <summary>The contract's type name, e.g. <c>RuStoreInvoiceStatusReceived</c>.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The order the Normalizer routes the notification to (the <c>providerOrderId</c> of the order API); null for test events.</summary>
    public string? ProviderOrderId { get; set; }

    /// <summary>The provider's invoice: RuStore <c>invoice_id</c>, Xsolla transaction / invoice id, RoboKassa <c>InvId</c>.</summary>
    public string? InvoiceId { get; set; }

    /// <summary>When Ingress accepted the notification (the envelope's sent time).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// <see cref="ReceivedAt"/>'s hour as whole hours since 1970-01-01 UTC: what <c>GET /archive/counts</c> groups by, in
    /// SQL on every database (SQLite can neither compare nor truncate a DateTimeOffset). Set with <see cref="ReceivedAt"/>.
    /// </summary>
    public long ReceivedHour { get; set; }

    /// <summary>When the archive stored it.</summary>
    public DateTimeOffset ArchivedAt { get; set; }

    /// <summary>The whole provider message as JSON (camelCase), raw payload included: what a replay publishes again.</summary>
    public string Message { get; set; } = "";
}
