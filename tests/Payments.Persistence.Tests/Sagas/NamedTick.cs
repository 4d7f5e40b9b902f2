namespace Payments.Persistence.Tests.Sagas;

/// <summary>An event for the counter saga correlated by expression (the saga's unique <c>Name</c>); it may create the instance.</summary>
public sealed record NamedTick
{
    public string Name { get; init; } = string.Empty;

    public int Sequence { get; init; }
}
