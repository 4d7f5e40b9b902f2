namespace Payments.Contracts;

/// <summary>One purchased line: a product code and how many of it.</summary>
public sealed record OrderItem
{
    public required string Sku { get; init; }
    public required int Quantity { get; init; }
}
