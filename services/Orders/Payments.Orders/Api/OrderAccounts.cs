using Microsoft.Extensions.Configuration;
using Payments.Contracts;

namespace Payments.Orders.Api;

/// <summary>
/// The provider accounts an order may name: <c>Orders:Accounts:{provider}</c> (a list of account names, as Ingress
/// has them configured under <c>Providers</c>), or, in a host that has the <c>Providers</c> section itself (the
/// standalone host), those accounts. An order for any other account could never meet a provider notification, so it
/// is refused; a name in another letter case is the configured account, as Ingress matches it.
/// </summary>
public sealed class OrderAccounts
{
    public const string SectionName = "Orders:Accounts";

    private static readonly Dictionary<string, string> ProviderSections = new(StringComparer.Ordinal)
    {
        [PaymentProviders.RuStore] = "RuStore",
        [PaymentProviders.Xsolla] = "Xsolla",
        [PaymentProviders.RoboKassa] = "RoboKassa",
    };

    private readonly Dictionary<string, Dictionary<string, string>> _accounts = new(StringComparer.Ordinal);

    public OrderAccounts(IConfiguration configuration)
    {
        foreach (var provider in PaymentProviders.All)
        {
            var listed = configuration.GetSection($"{SectionName}:{provider}") is var section && section.Value is { } value
                ? value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [.. section.GetChildren().Select(c => c.Value).OfType<string>()];
            var names = listed.Length > 0
                ? listed
                : [.. configuration.GetSection($"Providers:{ProviderSections[provider]}:Accounts").GetChildren().Select(c => c.Key)];
            _accounts[provider] = names.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
        }
    }

    public bool Any => _accounts.Values.Any(a => a.Count > 0);

    /// <summary>The account's configured name for <paramref name="account"/> (any letter case), when it is one.</summary>
    public bool TryGet(string provider, string account, out string configured)
    {
        configured = "";
        if (_accounts.TryGetValue(provider, out var names) && names.TryGetValue(account, out var name))
        {
            configured = name;
            return true;
        }

        return false;
    }

    public IEnumerable<string> Of(string provider) => _accounts.TryGetValue(provider, out var names) ? names.Values : [];
}
