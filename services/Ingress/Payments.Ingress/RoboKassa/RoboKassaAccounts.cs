using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Payments.Ingress.RoboKassa;

/// <summary>Every configured shop, resolved once when the service starts (not per request).</summary>
internal sealed class RoboKassaAccounts
{
    private readonly Dictionary<string, RoboKassaAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public RoboKassaAccounts(IOptions<RoboKassaOptions> options)
    {
        // Reading Value runs RoboKassaOptionsValidator, so every algorithm below is known to parse.
        foreach (var (account, settings) in options.Value.Accounts)
        {
            if (!RoboKassaHashAlgorithms.TryParse(settings.HashAlgorithm, out var algorithm))
            {
                throw new InvalidOperationException("A RoboKassa hash algorithm did not parse after validation.");
            }

            _accounts[account] = new RoboKassaAccount(account, algorithm, settings);
        }
    }

    public IReadOnlyCollection<RoboKassaAccount> All => _accounts.Values;

    public bool TryGet(string account, [NotNullWhen(true)] out RoboKassaAccount? settings) => _accounts.TryGetValue(account, out settings);
}
