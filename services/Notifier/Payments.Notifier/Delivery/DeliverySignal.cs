namespace Payments.Notifier.Delivery;

/// <summary>
/// Wakes the dispatcher when a delivery is queued or a slot frees up, so a grant leaves within milliseconds instead of
/// at the next poll. Take <see cref="Next"/> before looking for work: a notification after that completes it.
/// </summary>
internal sealed class DeliverySignal
{
    private TaskCompletionSource current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref current).Task;

    public void Notify() =>
        Interlocked.Exchange(ref current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
