namespace Payments.Contracts.Payments;

/// <summary>The payment ended without money taken (RuStore CANCELLED, REJECTED, EXPIRED).</summary>
public sealed record PaymentFailed
{
    /// <summary>The order's correlation id (<see cref="OrderReference.ToOrderId"/>).</summary>
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }

    /// <summary>Why it failed, in the provider's words (e.g. "cancelled").</summary>
    public required string Reason { get; init; }
}
