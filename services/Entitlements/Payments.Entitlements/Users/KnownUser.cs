namespace Payments.Entitlements.Users;

/// <summary>A user the game vouched for: named by an order, or registered with <c>PUT /users/{userId}</c>.</summary>
public sealed class KnownUser
{
    public string UserId { get; set; } = "";

    /// <summary><c>order</c> or <c>api</c>.</summary>
    public string Source { get; set; } = "";
    public DateTimeOffset KnownSince { get; set; }
}
