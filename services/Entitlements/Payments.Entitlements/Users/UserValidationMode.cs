namespace Payments.Entitlements.Users;

public enum UserValidationMode
{
    /// <summary>A user is known once an order named them or the game registered them with <c>PUT /users/{id}</c>.</summary>
    Registry,

    /// <summary>Every user is known (for games that accept any id).</summary>
    AllowAll,
}
