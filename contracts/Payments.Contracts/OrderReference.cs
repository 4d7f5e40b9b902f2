namespace Payments.Contracts;

/// <summary>The natural key of an order: who sold it, through which account, in which environment.</summary>
public sealed record OrderReference
{
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string ProviderOrderId { get; init; }

    /// <summary>The saga correlation id: a name-based UUID of the four parts, so every service derives the same one.</summary>
    public Guid ToOrderId() => NameBasedGuid.Create(NameBasedGuid.Orders, $"{Provider}/{Account}/{Environment}/{ProviderOrderId}");
}
