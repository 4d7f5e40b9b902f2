using Payments.Contracts;

namespace Payments.Orders.Api;

/// <summary>Body of <c>POST /orders</c> (docs/architecture.md#external-interface).</summary>
public sealed record PlaceOrderRequest
{
    public string? Provider { get; init; }
    public string? Account { get; init; }
    public string? Environment { get; init; }
    public string? ProviderOrderId { get; init; }
    public string? UserId { get; init; }
    public List<OrderItem>? Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
}
