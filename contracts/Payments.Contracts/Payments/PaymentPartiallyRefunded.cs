namespace Payments.Contracts.Payments;

/// <summary>
/// Part of a payment was given back (Xsolla partial_refund). Recorded on the order; it revokes nothing, since
/// which items a partial refund takes back is a product decision the provider does not state (docs/providers/xsolla.md, decision A23).
/// </summary>
public sealed record PaymentPartiallyRefunded
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }

    public string? Reason { get; init; }
}
