namespace Payments.Entitlements.Users;

/// <summary>Bound from <c>Entitlements:UserValidation</c>; checked at start by <see cref="UserValidationOptionsValidator"/>.</summary>
public sealed class UserValidationOptions
{
    public const string SectionName = "Entitlements:UserValidation";

    /// <summary>The placeholder in <see cref="CallbackUrl"/> that is replaced by the (URL-escaped) user id.</summary>
    public const string UserIdPlaceholder = "{userId}";

    public UserValidationMode Mode { get; set; } = UserValidationMode.Registry;

    /// <summary>
    /// <see cref="UserValidationMode.Callback"/> only: an absolute http(s) URL with <c>{userId}</c>, e.g.
    /// <c>https://game/api/users/{userId}</c>. It is called with <c>GET</c>: 200 or 204 = known, 404 = unknown,
    /// anything else (or no answer within <see cref="CallbackTimeout"/>) = the check failed.
    /// </summary>
    public string? CallbackUrl { get; set; }

    /// <summary>
    /// How long the game's endpoint may take. Xsolla waits about 3 seconds for the whole answer and Ingress waits
    /// <c>Providers:Xsolla:UserValidationTimeout</c> (2 s) for Entitlements, so this stays below both.
    /// </summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(1.5);
}
