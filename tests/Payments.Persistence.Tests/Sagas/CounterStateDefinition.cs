using MassTransit;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Up to 50 messages at once on the saga endpoint and deliberately no partitioner, message retry or outbox: the
/// repository's lock alone must keep concurrent events for one instance from losing updates.
/// </summary>
public sealed class CounterStateDefinition : SagaDefinition<CounterState>
{
    public const int Concurrency = 50;

    public CounterStateDefinition()
    {
        ConcurrentMessageLimit = Concurrency;
        Endpoint(e =>
        {
            e.Name = $"counter-saga-{Guid.NewGuid():N}";
            e.PrefetchCount = Concurrency;
            e.ConcurrentMessageLimit = Concurrency;
        });
    }
}
