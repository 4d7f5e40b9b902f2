namespace Payments.Contracts.Entitlements;

/// <summary>Answer to <see cref="ValidateUser"/>: the user exists.</summary>
public sealed record UserKnown
{
    public required string UserId { get; init; }
}
