using System.Collections.Concurrent;
using MassTransit;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Counts deliveries on the bus: how many finished, which faulted and how many were being processed at the same
/// time (proof that the saga endpoint really ran events for one instance concurrently).
/// </summary>
public sealed class DeliveryObserver : IReceiveObserver
{
    private readonly ConcurrentQueue<Exception> _faults = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _finished;

    public int Finished => Volatile.Read(ref _finished);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyCollection<Exception> Faults => _faults;

    public Task PreReceive(ReceiveContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _finished);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        _faults.Enqueue(exception);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        _faults.Enqueue(exception);
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _finished);
        return Task.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="deliveries"/> are in flight at once, or the timeout passes.</summary>
    public async Task WaitForInFlightAsync(int deliveries, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _inFlight) < deliveries && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    public async Task WaitForAsync(int deliveries, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Finished < deliveries)
        {
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"Only {Finished} of {deliveries} deliveries finished within {timeout}; faults: {string.Join(" | ", _faults.Select(f => f.Message))}");
            }
        }
    }
}
