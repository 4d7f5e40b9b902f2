using Microsoft.Extensions.Options;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>Fails start-up with messages that name the exact setting; never echoes a key.</summary>
internal sealed class RuStoreOptionsValidator : IValidateOptions<RuStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, RuStoreOptions options)
    {
        var failures = new List<string>();
        foreach (var (account, settings) in options.Accounts)
        {
            var prefix = $"{RuStoreOptions.SectionName}:Accounts:{account}";
            if (!AccountName.IsValid(account))
            {
                failures.Add($"{prefix}: the account name must be {AccountName.Rule}.");
            }

            if (settings is null || (settings.Keys.Count == 0 && settings.SandboxKeys.Count == 0))
            {
                failures.Add($"{prefix} has no keys: set {prefix}:Keys (or :SandboxKeys) to the notification key shown in RuStore Console.");
                continue;
            }

            var production = CheckKeys($"{prefix}:Keys", settings.Keys, failures);
            var sandbox = CheckKeys($"{prefix}:SandboxKeys", settings.SandboxKeys, failures);

            // The key decides whether a plain INVOICE_STATUS may be production, so one key cannot be both.
            if (production.Overlaps(sandbox))
            {
                failures.Add($"{prefix}: the same key is listed in both Keys and SandboxKeys.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static HashSet<string> CheckKeys(string setting, List<string> keys, List<string> failures)
    {
        var decoded = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(keys[i]))
            {
                failures.Add($"{setting}[{i}] is empty.");
            }
            else if (RuStoreKeyText.TryDecode(keys[i], out var key))
            {
                decoded.Add(Convert.ToHexString(key));
            }
            else
            {
                failures.Add($"{setting}[{i}] is not Base64 of 32 bytes nor 64 hex characters.");
            }
        }

        return decoded;
    }
}
