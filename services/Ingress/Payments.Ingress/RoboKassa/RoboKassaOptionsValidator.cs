using Microsoft.Extensions.Options;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RoboKassa;

/// <summary>Fails start-up with messages that name the exact setting; never echoes a password.</summary>
internal sealed class RoboKassaOptionsValidator : IValidateOptions<RoboKassaOptions>
{
    public ValidateOptionsResult Validate(string? name, RoboKassaOptions options)
    {
        var failures = new List<string>();
        foreach (var (account, settings) in options.Accounts)
        {
            var prefix = $"{RoboKassaOptions.SectionName}:Accounts:{account}";
            if (!AccountName.IsValid(account))
            {
                failures.Add($"{prefix}: the account name must be {AccountName.Rule}.");
            }

            if (settings is null || !(IsSet(settings.Password1) || IsSet(settings.Password2) || IsSet(settings.TestPassword1) || IsSet(settings.TestPassword2)))
            {
                failures.Add($"{prefix} has no passwords: set {prefix}:Password1 and :Password2 (or :TestPassword1 and :TestPassword2) to the passwords of the shop's Technical settings.");
                continue;
            }

            CheckPair(prefix, "Password1", settings.Password1, "Password2", settings.Password2, failures);
            CheckPair(prefix, "TestPassword1", settings.TestPassword1, "TestPassword2", settings.TestPassword2, failures);

            // Only the password tells a test payment from a real one: IsTest itself is not signed (docs/providers/robokassa.md, decision A28).
            if (IsSet(settings.Password2) && string.Equals(settings.Password2, settings.TestPassword2, StringComparison.Ordinal))
            {
                failures.Add($"{prefix}:TestPassword2 must differ from {prefix}:Password2, or a test payment could pass as a real one.");
            }

            CheckAlgorithm($"{prefix}:HashAlgorithm", settings.HashAlgorithm, failures);

            // A parameter outside Shp_* is not signed, so anyone could rewrite the user it names.
            if (!RoboKassaParameters.IsShp(settings.UserParameter))
            {
                failures.Add($"{prefix}:UserParameter must name a signed Shp_ parameter (such as {RoboKassaParameters.DefaultUserParameter}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPair(string prefix, string firstName, string? first, string secondName, string? second, List<string> failures)
    {
        if (IsSet(first) && !IsSet(second))
        {
            failures.Add($"{prefix}:{secondName} is empty while {prefix}:{firstName} is set: set both.");
        }
        else if (IsSet(second) && !IsSet(first))
        {
            failures.Add($"{prefix}:{firstName} is empty while {prefix}:{secondName} is set: set both.");
        }
    }

    private static void CheckAlgorithm(string setting, string? algorithm, List<string> failures)
    {
        if (RoboKassaHashAlgorithms.IsRipemd160(algorithm))
        {
            failures.Add(
                $"{setting} is RIPEMD160, which .NET on Linux cannot compute (it has no RIPEMD-160 implementation): "
                + $"choose {RoboKassaHashAlgorithms.Supported} in the shop's Technical settings and here.");
        }
        else if (!RoboKassaHashAlgorithms.TryParse(algorithm, out _))
        {
            failures.Add($"{setting} is not one of {RoboKassaHashAlgorithms.Supported}.");
        }
    }

    private static bool IsSet(string? value) => !string.IsNullOrEmpty(value);
}
