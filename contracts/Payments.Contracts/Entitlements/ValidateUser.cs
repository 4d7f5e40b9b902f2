namespace Payments.Contracts.Entitlements;

/// <summary>Request: does this user exist in the game? Answered with <see cref="UserKnown"/> or <see cref="UserUnknown"/>.</summary>
public sealed record ValidateUser
{
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string UserId { get; init; }
}
