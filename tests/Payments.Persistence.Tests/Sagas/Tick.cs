namespace Payments.Persistence.Tests.Sagas;

/// <summary>An event for the counter saga, correlated by id; any tick may create the instance.</summary>
public sealed record Tick
{
    public Guid CounterId { get; init; }

    public int Sequence { get; init; }
}
