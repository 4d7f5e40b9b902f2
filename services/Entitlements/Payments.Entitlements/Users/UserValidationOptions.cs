namespace Payments.Entitlements.Users;

/// <summary>Bound from <c>Entitlements:UserValidation</c>.</summary>
public sealed class UserValidationOptions
{
    public const string SectionName = "Entitlements:UserValidation";

    public UserValidationMode Mode { get; set; } = UserValidationMode.Registry;
}
