using System.Collections.Concurrent;

namespace Payments.Entitlements.Users;

/// <summary>
/// User ids this process has seen committed in <c>KnownUsers</c>. A user never stops being known (rows are never
/// deleted), so a hit saves the ledger's existence check; a miss only costs that check. Bounded: when full it starts
/// over, so a long-running process holds at most <see cref="Capacity"/> ids.
/// </summary>
internal sealed class KnownUserCache
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, byte> _users = new(StringComparer.Ordinal);

    public bool Contains(string userId) => _users.ContainsKey(userId);

    public void Add(string userId)
    {
        if (_users.Count >= Capacity)
        {
            _users.Clear();
        }

        _users.TryAdd(userId, 0);
    }
}
