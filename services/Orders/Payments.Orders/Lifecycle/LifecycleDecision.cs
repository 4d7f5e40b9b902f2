using Payments.Orders.Saga;

namespace Payments.Orders.Lifecycle;

/// <summary>What the lifecycle made of one event.</summary>
public enum Disposition
{
    /// <summary>The order took the event: it may have moved (see <see cref="LifecycleDecision.Moved"/>), registered or been resolved.</summary>
    Applied,

    /// <summary>The order had already recorded this event (a provider retry, a redelivery); only its outcome is published again.</summary>
    Duplicate,

    /// <summary>
    /// The order could not take the event — it would move the order backwards or out of a terminal status, register it
    /// again with other details, or resolve what is not blocked — so it is only recorded.
    /// </summary>
    Ignored,

    /// <summary>Recorded for an operator, never moves anything (a partial refund).</summary>
    Noted,
}

/// <summary>
/// The lifecycle's answer for one event. The state machine moves the saga to <see cref="Target"/> (its
/// <c>TransitionTo</c>) and publishes <see cref="Outcome"/> and <see cref="Move"/>; the lifecycle never sets the state.
/// </summary>
public sealed record LifecycleDecision
{
    /// <summary>The status the order is in after the event: the one it moved to, or the one it stays in.</summary>
    public required OrderStatus Target { get; init; }

    /// <summary>The status before the event; null when the event created the order.</summary>
    public required OrderStatus? Previous { get; init; }

    public required Disposition Disposition { get; init; }

    /// <summary>What to publish (again, on a redelivered trigger).</summary>
    public OrderOutcome Outcome { get; init; }

    /// <summary>
    /// The status move to announce: the one this event made, or, on a duplicate, the one the original event made,
    /// again as it was the first time (while the order is still there); null when there is none.
    /// </summary>
    public StatusChange? Move { get; init; }

    /// <summary>The event moved the order to a new status.</summary>
    public bool Moved => Disposition == Disposition.Applied && Target != Previous;
}
