namespace Payments.Contracts.Orders;

/// <summary>
/// An operator settles an order whose grant is blocked by a mismatch (<c>POST /orders/{…}/resolve</c>, scope
/// <c>orders:resolve</c>): <see cref="GrantAsRegistered"/>, <see cref="GrantAsPaid"/> or <see cref="Cancel"/>.
/// </summary>
public sealed record OrderResolutionRequested
{
    public const string GrantAsRegistered = "grant-as-registered";
    public const string GrantAsPaid = "grant-as-paid";
    public const string Cancel = "cancel";

    public static IReadOnlyList<string> Actions { get; } = [GrantAsRegistered, GrantAsPaid, Cancel];

    public required Guid OrderId { get; init; }
    public required OrderReference Order { get; init; }
    public required string Action { get; init; }

    /// <summary>The caller that asked (API key name or token subject), for the timeline.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
