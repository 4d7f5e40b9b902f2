namespace Payments.Notifier.Tests.Support;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than the real one, from the real time at its creation: its
/// now, its timers and its delays are all compressed, so a schedule of 27 hours plays out in seconds.
/// </summary>
internal sealed class CompressedClock(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _startTimestamp = System.GetTimestamp();

    public double Factor { get; } = factor;

    public override DateTimeOffset GetUtcNow() => _start + (System.GetElapsedTime(_startTimestamp) * Factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new CompressedTimer(System.CreateTimer(callback, state, Compress(dueTime), Compress(period)), this);

    private TimeSpan Compress(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / Factor;

    private sealed class CompressedTimer(ITimer timer, CompressedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(clock.Compress(dueTime), clock.Compress(period));

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
