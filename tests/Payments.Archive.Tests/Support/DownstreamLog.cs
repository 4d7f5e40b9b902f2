using System.Collections.Concurrent;

namespace Payments.Archive.Tests.Support;

/// <summary>What a downstream service (like the Normalizer) receives of the provider messages: each delivery with its MessageId.</summary>
internal sealed class DownstreamLog
{
    public ConcurrentQueue<(Guid? MessageId, object Message)> Deliveries { get; } = new();

    public IReadOnlyList<(Guid? MessageId, object Message)> Of(Guid messageId) => Deliveries.Where(d => d.MessageId == messageId).ToList();

    public async Task WaitForAsync(Func<DownstreamLog, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; {Deliveries.Count} deliveries seen");
            await Task.Delay(25);
        }
    }
}
