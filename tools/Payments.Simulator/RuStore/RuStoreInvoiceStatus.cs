namespace Payments.Simulator.RuStore;

/// <summary>
/// The <c>data</c> of a RuStore <c>INVOICE_STATUS</c> notification: every field is sent as a string
/// (docs/providers/rustore.md, request format).
/// </summary>
public sealed record RuStoreInvoiceStatus
{
    public required string InvoiceId { get; init; }
    public required string OrderId { get; init; }
    public required string ProductCode { get; init; }
    public required string StatusNew { get; init; }

    /// <summary>Informational for the receiver; <see cref="RuStoreNotifications.PreviousStatus"/> gives a plausible one.</summary>
    public required string StatusOld { get; init; }

    /// <summary>Verbatim as sent; <see cref="RuStoreNotifications.Time"/> formats a time as RuStore's newer pages show it.</summary>
    public required string ChangeStatusTime { get; init; }

    public string PurchaseId { get; init; } = "";
    public string PurchaseToken { get; init; } = "";

    /// <summary>The payload's <c>app_id</c> (a number on the wire).</summary>
    public long AppId { get; init; } = 12345;
}
