namespace Payments.Contracts.Orders;

/// <summary>Outcome for observers: an order moved from one status to another.</summary>
public sealed record OrderStatusChanged
{
    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public string? PreviousStatus { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
