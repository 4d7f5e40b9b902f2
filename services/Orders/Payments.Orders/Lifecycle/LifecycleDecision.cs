using Payments.Orders.Saga;

namespace Payments.Orders.Lifecycle;

/// <param name="StatusChanged">The status before, when the event moved the order; null when it did not.</param>
/// <param name="Outcome">What to publish (again, on a redelivered trigger).</param>
public sealed record LifecycleDecision(OrderStatus? Status, bool Applied, OrderOutcome Outcome, OrderStatus? PreviousStatus = null)
{
    public bool StatusChanged => Applied && Status != PreviousStatus;

    /// <summary>The order had already recorded this event (a provider retry, a redelivery); only its outcome is published again.</summary>
    public bool Duplicate { get; init; }

    /// <summary>
    /// The order could not take this event — it would move the order backwards or out of a terminal status, or it
    /// registers again with other details — so it is only recorded.
    /// </summary>
    public bool Ignored { get; init; }

    /// <summary>On a duplicate: the status move the original event made, announced again as it was the first time (while the order is still there).</summary>
    public StatusChange? RepeatedStatusChange { get; init; }
}
