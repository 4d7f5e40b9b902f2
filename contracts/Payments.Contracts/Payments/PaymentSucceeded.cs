namespace Payments.Contracts.Payments;

/// <summary>Money was taken: the order is paid (RuStore CONFIRMED, Xsolla payment / order_paid, RoboKassa ResultURL).</summary>
public sealed record PaymentSucceeded
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }
}
