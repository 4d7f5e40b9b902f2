namespace Payments.Contracts.Entitlements;

/// <summary>Request: does this user exist in the game? Answered with <see cref="UserKnown"/> or <see cref="UserUnknown"/>.</summary>
public sealed record ValidateUser
{
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string UserId { get; init; }

    /// <summary>
    /// A start-up probe of the request path, not a buyer's check: Ingress sends one before it reports ready, so the
    /// first real check finds both sides warm. Answered with <see cref="UserUnknown"/>; the game is never asked.
    /// </summary>
    public bool Warmup { get; init; }
}
