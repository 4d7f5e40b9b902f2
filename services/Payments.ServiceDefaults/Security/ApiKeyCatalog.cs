using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>The configured keys as SHA-256 digests; finds the entry of a presented key without timing hints.</summary>
public sealed class ApiKeyCatalog(IOptions<AuthOptions> options)
{
    private readonly Entry[] _entries = [.. options.Value.ApiKeys.Select(k => new Entry(k.Key, Convert.FromHexString(k.Value.Sha256!), [.. k.Value.Scopes]))];

    public int Count => _entries.Length;

    public IEnumerable<string> Names => _entries.Select(e => e.Name);

    /// <summary>
    /// The entry whose digest equals the presented key's. Every entry is compared, each in constant time, so the
    /// answer's timing says nothing about how close a guess came or which entry matched.
    /// </summary>
    public Entry? Find(string presentedKey)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), digest);
        Entry? found = null;
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, entry.Digest))
            {
                found = entry;
            }
        }

        return found;
    }

    public sealed record Entry(string Name, byte[] Digest, IReadOnlyList<string> Scopes);
}
