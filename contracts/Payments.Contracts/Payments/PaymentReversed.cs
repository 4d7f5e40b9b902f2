namespace Payments.Contracts.Payments;

/// <summary>A hold was released and the money returned (RuStore REVERSED).</summary>
public sealed record PaymentReversed
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }
}
