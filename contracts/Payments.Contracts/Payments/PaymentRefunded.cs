namespace Payments.Contracts.Payments;

/// <summary>A taken payment was given back (RuStore REFUNDED, Xsolla refund / order_canceled).</summary>
public sealed record PaymentRefunded
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }

    /// <summary>Why, when the provider says (e.g. Xsolla refund reason).</summary>
    public string? Reason { get; init; }
}
