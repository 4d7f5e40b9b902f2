namespace Payments.Persistence.Tests.Sagas;

/// <summary>An event for <see cref="DecisionStateMachine"/>; any one may create the instance.</summary>
public sealed record Decide
{
    public Guid CounterId { get; init; }

    public int Sequence { get; init; }
}

/// <summary>
/// What <see cref="DecisionStateMachine"/> publishes for each event it applied: which attempt of the delivery decided
/// it and the state that attempt saw, so a message of a rolled-back attempt can be told from the committed one's.
/// </summary>
public sealed record Decision
{
    public Guid CounterId { get; init; }

    public int Sequence { get; init; }

    /// <summary>1 for the first time any attempt ran the behaviours for this instance, 2 for the next, and so on.</summary>
    public int Attempt { get; init; }

    public int Counter { get; init; }

    public string Applied { get; init; } = string.Empty;
}
