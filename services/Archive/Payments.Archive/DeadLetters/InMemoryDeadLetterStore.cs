namespace Payments.Archive.DeadLetters;

/// <summary>
/// The dead letters of the in-memory transport, per source queue, in the order they faulted. It lives as long as the
/// process, like every message of that transport: the standalone host's queues do not survive a restart either.
/// A message is taken out under the lock before it is sent back, so two requeues cannot both send it, and put back
/// in its place when the send fails, so it cannot be lost.
/// </summary>
internal sealed class InMemoryDeadLetterStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<long, StoredDeadLetter>> _queues = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Every receive queue whose faults this store keeps (its error queue exists, empty or not).</summary>
    public IReadOnlyList<string> Sources
    {
        get
        {
            lock (_lock)
            {
                return [.. _queues.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public void Register(string source)
    {
        lock (_lock)
        {
            _queues.TryAdd(source, []);
        }
    }

    public void Add(string source, Func<long, StoredDeadLetter> letter)
    {
        lock (_lock)
        {
            Register(source);
            var stored = letter(++_sequence);
            _queues[source].Add(stored.Sequence, stored);
        }
    }

    public IReadOnlyList<StoredDeadLetter>? Snapshot(string source)
    {
        lock (_lock)
        {
            return _queues.TryGetValue(source, out var letters) ? [.. letters.Values] : null;
        }
    }

    /// <summary>Removes and returns the letters of <paramref name="source"/> that <paramref name="chosen"/> selects.</summary>
    public IReadOnlyList<StoredDeadLetter> Take(string source, Func<StoredDeadLetter, bool> chosen)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue(source, out var letters))
            {
                return [];
            }

            var taken = letters.Values.Where(chosen).ToList();
            foreach (var letter in taken)
            {
                letters.Remove(letter.Sequence);
            }

            return taken;
        }
    }

    /// <summary>Puts a taken letter back in its place (its send failed).</summary>
    public void Restore(string source, StoredDeadLetter letter)
    {
        lock (_lock)
        {
            Register(source);
            _queues[source][letter.Sequence] = letter;
        }
    }
}
