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

    /// <summary>
    /// The status move to announce: the one this event made, or, on a duplicate, the one the original event made,
    /// again as it was the first time (while the order is still there); null when there is none.
    /// </summary>
    public StatusChange? Move { get; init; }
}
