namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Like <see cref="Tick"/>, but configured with <c>InsertOnInitial</c>: a missing instance is inserted before the
/// behaviours run, and a concurrent creator's insert fails on the key and falls back to loading the row.
/// </summary>
public sealed record EagerTick
{
    public Guid CounterId { get; init; }

    public int Sequence { get; init; }
}
