namespace Payments.Contracts.Payments;

/// <summary>The buyer chose a payment method; money has not moved yet (RuStore EXECUTED).</summary>
public sealed record PaymentStarted
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }
}
