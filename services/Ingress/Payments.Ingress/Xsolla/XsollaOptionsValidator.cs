using Microsoft.Extensions.Options;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>Fails start-up with messages that name the exact setting; never echoes a secret.</summary>
internal sealed class XsollaOptionsValidator : IValidateOptions<XsollaOptions>
{
    /// <summary>Xsolla waits about 3 seconds for a webhook answer (docs/providers/xsolla.md#answers).</summary>
    public static readonly TimeSpan MaxUserValidationTimeout = TimeSpan.FromSeconds(3);

    public ValidateOptionsResult Validate(string? name, XsollaOptions options)
    {
        var failures = new List<string>();
        foreach (var (account, settings) in options.Accounts)
        {
            var prefix = $"{XsollaOptions.SectionName}:Accounts:{account}";
            if (!AccountName.IsValid(account))
            {
                failures.Add($"{prefix}: the account name must be {AccountName.Rule}.");
            }

            if (settings is null || settings.SecretKeys.Count == 0)
            {
                failures.Add($"{prefix} has no secret keys: set {prefix}:SecretKeys to the project's webhook secret key from Xsolla Publisher Account.");
                continue;
            }

            for (var i = 0; i < settings.SecretKeys.Count; i++)
            {
                var secret = settings.SecretKeys[i];
                if (string.IsNullOrWhiteSpace(secret))
                {
                    failures.Add($"{prefix}:SecretKeys[{i}] is empty.");
                }
                else if (secret.Trim().Length != secret.Length)
                {
                    // Hashed as configured, so a pasted space would fail every webhook instead of the start.
                    failures.Add($"{prefix}:SecretKeys[{i}] has leading or trailing whitespace.");
                }
            }
        }

        if (options.UserValidationTimeout <= TimeSpan.Zero || options.UserValidationTimeout >= MaxUserValidationTimeout)
        {
            failures.Add($"{XsollaOptions.SectionName}:UserValidationTimeout must be more than 0 and less than 3 seconds (Xsolla waits about 3 seconds for the answer).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
