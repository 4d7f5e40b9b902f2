using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Payments.Ingress.RuStore;

/// <summary>Every configured account's keys, decoded once when the service starts (not per request).</summary>
internal sealed class RuStoreKeyRing
{
    private readonly Dictionary<string, RuStoreAccountKeys> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public RuStoreKeyRing(IOptions<RuStoreOptions> options)
    {
        // Reading Value runs RuStoreOptionsValidator, so every key below is known to decode.
        foreach (var (account, settings) in options.Value.Accounts)
        {
            _accounts[account] = new RuStoreAccountKeys(account, Decode(settings.Keys), Decode(settings.SandboxKeys));
        }
    }

    public IReadOnlyCollection<string> Accounts => _accounts.Keys;

    public bool TryGet(string account, [NotNullWhen(true)] out RuStoreAccountKeys? keys) => _accounts.TryGetValue(account, out keys);

    private static byte[][] Decode(List<string> keys) =>
        keys.Select(text => RuStoreKeyText.TryDecode(text, out var key) ? key : throw new InvalidOperationException("A RuStore key did not decode after validation.")).ToArray();
}
