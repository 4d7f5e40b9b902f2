using Microsoft.Extensions.Options;

namespace Payments.Entitlements.Users;

/// <summary>Fails start-up with messages that name the setting; the callback URL itself is never echoed (it may carry a token).</summary>
internal sealed class UserValidationOptionsValidator : IValidateOptions<UserValidationOptions>
{
    /// <summary>Xsolla waits about 3 seconds for the answer to <c>user_validation</c> (docs/providers/xsolla.md#answers).</summary>
    public static readonly TimeSpan MaxCallbackTimeout = TimeSpan.FromSeconds(3);

    private const string Section = UserValidationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, UserValidationOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Section}:Mode must be Registry, AllowAll or Callback.");
        }

        if (options.Mode == UserValidationMode.Callback)
        {
            if (string.IsNullOrWhiteSpace(options.CallbackUrl))
            {
                failures.Add($"{Section}:CallbackUrl is required when {Section}:Mode is Callback, e.g. https://game.example/api/users/{{userId}}.");
            }
            else if (!IsHttpUrl(options.CallbackUrl))
            {
                failures.Add($"{Section}:CallbackUrl must be an absolute http or https URL.");
            }
            else if (!options.CallbackUrl.Contains(UserValidationOptions.UserIdPlaceholder, StringComparison.Ordinal))
            {
                failures.Add($"{Section}:CallbackUrl must contain {UserValidationOptions.UserIdPlaceholder} where the user id goes.");
            }
        }

        if (options.CallbackTimeout <= TimeSpan.Zero || options.CallbackTimeout >= MaxCallbackTimeout)
        {
            failures.Add($"{Section}:CallbackTimeout must be more than 0 and less than 3 seconds (Xsolla waits about 3 seconds for the whole answer).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url.Replace(UserValidationOptions.UserIdPlaceholder, "user", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
