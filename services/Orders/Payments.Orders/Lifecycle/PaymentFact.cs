using Payments.Contracts;

namespace Payments.Orders.Lifecycle;

/// <summary>A provider-neutral payment event as the lifecycle sees it: which status it asks for, and its details.</summary>
public sealed record PaymentFact
{
    public required OrderReference Order { get; init; }
    public required PaymentDetails Payment { get; init; }
    public required OrderStatus Target { get; init; }

    /// <summary>Timeline name, e.g. <c>payment.succeeded</c>.</summary>
    public required string EventName { get; init; }
    public string? Reason { get; init; }
}
