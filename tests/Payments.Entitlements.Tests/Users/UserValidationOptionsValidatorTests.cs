using Payments.Entitlements.Users;

namespace Payments.Entitlements.Tests.Users;

public sealed class UserValidationOptionsValidatorTests
{
    [Theory]
    [InlineData(UserValidationMode.Registry, null, 1500)]
    [InlineData(UserValidationMode.AllowAll, null, 1500)]
    [InlineData(UserValidationMode.Callback, "https://game.example/api/users/{userId}", 1500)]
    [InlineData(UserValidationMode.Callback, "http://10.0.0.5:8080/users/{userId}/exists?key=abc", 2999)]
    public void Accepts(UserValidationMode mode, string? url, int timeoutMs)
    {
        var result = Validate(mode, url, timeoutMs);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(UserValidationMode.Callback, null, 1500, "Entitlements:UserValidation:CallbackUrl is required")]
    [InlineData(UserValidationMode.Callback, "/api/users/{userId}", 1500, "Entitlements:UserValidation:CallbackUrl must be an absolute http or https URL")]
    [InlineData(UserValidationMode.Callback, "ftp://game.example/{userId}", 1500, "Entitlements:UserValidation:CallbackUrl must be an absolute http or https URL")]
    [InlineData(UserValidationMode.Callback, "https://game.example/api/users/", 1500, "Entitlements:UserValidation:CallbackUrl must contain {userId}")]
    [InlineData(UserValidationMode.Callback, "https://game.example/api/users/{userId}", 3000, "Entitlements:UserValidation:CallbackTimeout must be more than 0 and less than 3 seconds")]
    [InlineData(UserValidationMode.Registry, null, 0, "Entitlements:UserValidation:CallbackTimeout")]
    [InlineData((UserValidationMode)7, null, 1500, "Entitlements:UserValidation:Mode must be Registry, AllowAll or Callback")]
    public void Refuses_with_a_message_naming_the_setting(UserValidationMode mode, string? url, int timeoutMs, string expected)
    {
        var result = Validate(mode, url, timeoutMs);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_echoes_the_callback_url()
    {
        var result = Validate(UserValidationMode.Callback, "https://game.example/api/users?token=s3cret", 1500);

        Assert.True(result.Failed);
        Assert.DoesNotContain("s3cret", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(UserValidationMode mode, string? url, int timeoutMs) =>
        new UserValidationOptionsValidator().Validate(null, new UserValidationOptions
        {
            Mode = mode,
            CallbackUrl = url,
            CallbackTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        });
}
