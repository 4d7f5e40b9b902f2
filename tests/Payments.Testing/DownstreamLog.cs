using System.Collections.Concurrent;
using Xunit;

namespace Payments.Testing;

/// <summary>
/// What a downstream service receives from the module under test — every delivery with its MessageId, and the faults
/// it saw — so a test can wait for it and assert what arrived, how often, and that nothing more did.
/// </summary>
public sealed class DownstreamLog
{
    public ConcurrentQueue<(Guid? MessageId, object Message)> Deliveries { get; } = new();

    public ConcurrentQueue<string> Faults { get; } = new();

    public void Record(Guid? messageId, object message) => Deliveries.Enqueue((messageId, message));

    /// <summary>Every delivery of the message with <paramref name="messageId"/>.</summary>
    public IReadOnlyList<(Guid? MessageId, object Message)> Of(Guid messageId) => [.. Deliveries.Where(d => d.MessageId == messageId)];

    /// <summary>Every delivery of a <typeparamref name="T"/>, in arrival order.</summary>
    public IReadOnlyList<(Guid? MessageId, T Message)> Of<T>() =>
        [.. Deliveries.Where(d => d.Message is T).Select(d => (d.MessageId, (T)d.Message))];

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/>, what arrived and the faults.</summary>
    public async Task WaitForAsync(Func<DownstreamLog, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(this))
        {
            Assert.True(
                DateTime.UtcNow < deadline,
                $"timed out waiting for {what}; {Deliveries.Count} deliveries seen ({string.Join(", ", Deliveries.GroupBy(d => d.Message.GetType().Name).Select(g => $"{g.Count()} {g.Key}"))}); faults: {string.Join("; ", Faults)}");
            await Task.Delay(25);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, then a little longer, so that extra deliveries would show.</summary>
    public async Task SettleAsync(Func<DownstreamLog, bool> condition, string what, TimeSpan? timeout = null)
    {
        await WaitForAsync(condition, what, timeout);
        await Task.Delay(500);
    }
}
