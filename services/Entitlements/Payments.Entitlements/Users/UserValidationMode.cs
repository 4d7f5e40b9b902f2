namespace Payments.Entitlements.Users;

/// <summary>How Entitlements answers <c>ValidateUser</c> (Xsolla's <c>user_validation</c>); <c>Entitlements:UserValidation:Mode</c>.</summary>
public enum UserValidationMode
{
    /// <summary>A user is known once an order named them or the game registered them with <c>PUT /users/{id}</c>.</summary>
    Registry,

    /// <summary>Every user is known (for games that accept any id).</summary>
    AllowAll,

    /// <summary>The game's own HTTP endpoint is asked for each check (<see cref="UserValidationOptions.CallbackUrl"/>).</summary>
    Callback,
}
