namespace Payments.Contracts.Payments;

/// <summary>Money is on hold, waiting for confirmation (RuStore PAID on consumables). Not final.</summary>
public sealed record PaymentAuthorized
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }
}
