using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Options;

namespace Payments.Ingress.Xsolla;

/// <summary>Every configured account's secret keys, encoded once when the service starts (not per request).</summary>
internal sealed class XsollaSecretRing
{
    private readonly Dictionary<string, XsollaAccountSecrets> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public XsollaSecretRing(IOptions<XsollaOptions> options)
    {
        // Reading Value runs XsollaOptionsValidator, so every account below has at least one usable secret.
        foreach (var (account, settings) in options.Value.Accounts)
        {
            _accounts[account] = new XsollaAccountSecrets(account, settings.SecretKeys.Select(Encoding.UTF8.GetBytes).ToArray());
        }
    }

    public IReadOnlyCollection<string> Accounts => _accounts.Keys;

    public bool TryGet(string account, [NotNullWhen(true)] out XsollaAccountSecrets? secrets) => _accounts.TryGetValue(account, out secrets);
}
