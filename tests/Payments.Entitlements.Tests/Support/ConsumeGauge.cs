using MassTransit;

namespace Payments.Entitlements.Tests.Support;

/// <summary>Counts the deliveries of <typeparamref name="T"/> to its consumers: how many ran at once at most, and how they ended.</summary>
public sealed class ConsumeGauge<T> : IConsumeMessageObserver<T>
    where T : class
{
    private int _inFlight;
    private int _peak;
    private int _completed;
    private int _faulted;

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

    public Task PreConsume(ConsumeContext<T> context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        return Task.CompletedTask;
    }

    public Task PostConsume(ConsumeContext<T> context)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _faulted);
        return Task.CompletedTask;
    }
}
