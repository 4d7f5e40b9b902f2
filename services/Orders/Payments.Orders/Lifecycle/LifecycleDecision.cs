namespace Payments.Orders.Lifecycle;

/// <param name="StatusChanged">The status before, when the event moved the order; null when it did not.</param>
/// <param name="Outcome">What to publish (again, on a redelivered trigger).</param>
public sealed record LifecycleDecision(OrderStatus? Status, bool Applied, OrderOutcome Outcome, OrderStatus? PreviousStatus = null)
{
    public bool StatusChanged => Applied && Status != PreviousStatus;
}
