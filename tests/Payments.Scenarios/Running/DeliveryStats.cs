using System.Collections.Concurrent;

namespace Payments.Scenarios.Running;

/// <summary>Counters of the delivery phases, safe to update from every worker.</summary>
public sealed class DeliveryStats
{
    private long _notificationDeliveries;
    private long _registrationDeliveries;
    private long _serviceUnavailable;
    private long _transportRetries;
    private long _answered;

    public long NotificationDeliveries => Interlocked.Read(ref _notificationDeliveries);
    public long RegistrationDeliveries => Interlocked.Read(ref _registrationDeliveries);

    /// <summary>503 answers: "the provider retries later", so the delivery was re-queued.</summary>
    public long ServiceUnavailable => Interlocked.Read(ref _serviceUnavailable);

    /// <summary>No answer (connection refused or reset, timeout): re-queued as well.</summary>
    public long TransportRetries => Interlocked.Read(ref _transportRetries);

    /// <summary>Requests that got an answer other than 503 (success or not).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Answers that were neither the provider's success answer nor 503, and deliveries given up on.</summary>
    public ConcurrentQueue<string> UnexpectedAnswers { get; } = new();

    /// <summary>Success answers per order (by <see cref="Generation.ScenarioOrder.Index"/>): each is one event the order saga must record.</summary>
    internal ConcurrentDictionary<int, int> AcceptedPerOrder { get; } = new();

    internal void Delivered(DeliveryTarget target, int orderIndex)
    {
        AcceptedPerOrder.AddOrUpdate(orderIndex, 1, (_, count) => count + 1);
        Interlocked.Increment(ref _answered);
        if (target == DeliveryTarget.Ingress)
        {
            Interlocked.Increment(ref _notificationDeliveries);
        }
        else
        {
            Interlocked.Increment(ref _registrationDeliveries);
        }
    }

    internal void Unavailable() => Interlocked.Increment(ref _serviceUnavailable);

    internal void TransportRetry() => Interlocked.Increment(ref _transportRetries);

    internal void Unexpected(string description)
    {
        Interlocked.Increment(ref _answered);
        UnexpectedAnswers.Enqueue(description);
    }
}
