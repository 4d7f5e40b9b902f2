namespace Payments.Contracts.Entitlements;

/// <summary>Answer to <see cref="ValidateUser"/>: the user does not exist (or could not be confirmed).</summary>
public sealed record UserUnknown
{
    public required string UserId { get; init; }
    public required string Reason { get; init; }
}
