namespace Payments.Ingress.RuStore;

/// <summary>The <c>data</c> object of an <c>INVOICE_STATUS</c> notification; statuses already lowercase.</summary>
internal sealed record RuStoreInvoiceStatus
{
    public required string InvoiceId { get; init; }
    public required string StatusNew { get; init; }
    public string? StatusOld { get; init; }
    public string? OrderId { get; init; }
    public string? PurchaseId { get; init; }
    public string? PurchaseToken { get; init; }
    public string? ProductCode { get; init; }
    public DateTimeOffset? ChangeStatusTime { get; init; }
    public string? DeveloperPayload { get; init; }
}
