namespace Payments.Contracts.Providers.RuStore;

/// <summary>
/// A verified (decrypted) RuStore <c>INVOICE_STATUS</c> or <c>INVOICE_STATUS_SANDBOX</c> notification.
/// Field names follow RuStore's <c>data</c> object; all of them arrive as strings.
/// </summary>
public sealed record RuStoreInvoiceStatusReceived
{
    public string Provider { get; init; } = PaymentProviders.RuStore;
    public required string Account { get; init; }
    public required string Environment { get; init; }

    /// <summary>The body's <c>id</c>: RuStore's notification id.</summary>
    public required string NotificationId { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public long? AppId { get; init; }
    public required string InvoiceId { get; init; }
    public string? OrderId { get; init; }
    public string? PurchaseId { get; init; }
    public string? PurchaseToken { get; init; }
    public string? ProductCode { get; init; }

    /// <summary>Lowercase status word (RuStore sends either case).</summary>
    public required string StatusNew { get; init; }
    public string? StatusOld { get; init; }
    public DateTimeOffset? ChangeStatusTime { get; init; }
    public string? DeveloperPayload { get; init; }

    /// <summary>The decrypted payload exactly as it decrypted, for audit and replay.</summary>
    public required string RawPayload { get; init; }
}
