using Payments.Contracts;

namespace Payments.Ingress.Webhooks;

/// <summary>
/// Counts refused notifications (4xx answers: bad signature, bad input, unknown account) in memory, per provider,
/// account, reason and UTC minute, for <see cref="RefusalSummaryPublisher"/> to publish as
/// <see cref="Payments.Contracts.Providers.NotificationsRefused"/>. Ingress keeps no database: a count not yet
/// published is lost when the process stops (a statistic, not a payment). Nothing of a refused request is kept.
/// </summary>
internal sealed class RefusalCounter(TimeProvider clock)
{
    /// <summary>The account of a request that named no configured one: the name is the caller's, so it is not kept.</summary>
    public const string UnknownAccount = "(unknown)";

    /// <summary>Keys a flood of one kind of garbage cannot grow beyond (more keys in one minute are folded into one).</summary>
    public const int MaxKeysPerMinute = 1000;

    private const string OtherReason = "other";
    private const string UnknownAccountReason = "unknown_account";

    private readonly Lock _gate = new();
    private Dictionary<RefusalKey, int> _counts = [];

    /// <summary>One refusal with <paramref name="rejection"/>; only 4xx answers are refusals (a 503 is a retry later).</summary>
    public void Count(string provider, string account, WebhookRejection rejection)
    {
        if (rejection.StatusCode is < 400 or > 499)
        {
            return;
        }

        if (rejection.Reason == UnknownAccountReason)
        {
            account = UnknownAccount;
        }

        var minute = MinuteOf(clock.GetUtcNow());
        var key = new RefusalKey(provider, account, rejection.Reason, minute);
        lock (_gate)
        {
            if (!_counts.ContainsKey(key) && _counts.Count >= MaxKeysPerMinute)
            {
                key = key with { Account = UnknownAccount, Reason = OtherReason };
            }

            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Takes the counts of every minute that has ended; the current minute keeps counting.</summary>
    public IReadOnlyList<(RefusalKey Key, int Count)> TakeEnded()
    {
        var current = MinuteOf(clock.GetUtcNow());
        lock (_gate)
        {
            var ended = _counts.Where(c => c.Key.Minute < current).Select(c => (c.Key, c.Value)).ToList();
            if (ended.Count > 0)
            {
                _counts = _counts.Where(c => c.Key.Minute >= current).ToDictionary();
            }

            return ended;
        }
    }

    /// <summary>Puts back counts whose publishing failed, to be tried again with the next ones.</summary>
    public void Return(IEnumerable<(RefusalKey Key, int Count)> counts)
    {
        lock (_gate)
        {
            foreach (var (key, count) in counts)
            {
                _counts[key] = _counts.GetValueOrDefault(key) + count;
            }
        }
    }

    public static DateTimeOffset MinuteOf(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}

/// <summary>What refusals are counted under: one summary per key.</summary>
internal sealed record RefusalKey(string Provider, string Account, string Reason, DateTimeOffset Minute)
{
    /// <summary>The summary's MessageId: the same for the same replica, key and minute, so a retry is counted once.</summary>
    public Guid MessageId(string replica) =>
        NameBasedGuid.Create(NameBasedGuid.Derived, $"notifications-refused/{replica}/{Provider}/{Account}/{Reason}/{Minute.UtcTicks}");
}
