using MassTransit;

using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Tests.Support;

/// <summary>Counts the deliveries of <typeparamref name="T"/> to its consumers: how many ran at once at most, and how they ended.</summary>
public sealed class ConsumeGauge<T> : IConsumeMessageObserver<T>
    where T : class
{
    private static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _peak;
    private int _completed;
    private int _faulted;
    private int _arrived;
    private int _holdUntil;

    public int Peak => Volatile.Read(ref _peak);

    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Attempts that threw, retried ones included.</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    public async Task WaitForCompletedAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Completed < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Completed} of {count} {typeof(T).Name} deliveries completed ({Faulted} faulted attempts).");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Holds every delivery before its consumer until <paramref name="arrivals"/> deliveries have arrived, then lets
    /// them all go at once: a race of that many, whatever the machine's scheduling (at most 30 s, then they go anyway).
    /// </summary>
    public void HoldEachUntil(int arrivals) => Volatile.Write(ref _holdUntil, arrivals);

    public async Task PreConsume(ConsumeContext<T> context)
    {
        if (Rehearsal.IsMarked(context))
        {
            return; // a start-up rehearsal, not a delivery of the test's
        }

        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        if (Interlocked.Increment(ref _arrived) >= Volatile.Read(ref _holdUntil))
        {
            _gate.TrySetResult();
        }

        try
        {
            await _gate.Task.WaitAsync(GateTimeout);
        }
        catch (TimeoutException)
        {
            _gate.TrySetResult();
        }
    }

    public Task PostConsume(ConsumeContext<T> context)
    {
        if (Rehearsal.IsMarked(context))
        {
            return Task.CompletedTask;
        }

        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
    {
        if (Rehearsal.IsMarked(context))
        {
            return Task.CompletedTask;
        }

        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _faulted);
        return Task.CompletedTask;
    }
}
