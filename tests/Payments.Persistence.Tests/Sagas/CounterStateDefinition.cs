using MassTransit;
using Payments.Persistence.Sagas;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Up to 50 messages at once on the saga endpoint and deliberately no partitioner or outbox: the repository's lock
/// alone must keep concurrent events for one instance from losing updates. The one retry is for a lost insert race
/// (<see cref="SagaInsertConflictException"/>), which the repository leaves to the endpoint's message retry, as every
/// endpoint of the project has; any other failure still faults the message and the test.
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

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CounterState> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<SagaInsertConflictException>();
            retry.Intervals(10, 50, 100, 200, 500);
        });
    }
}
