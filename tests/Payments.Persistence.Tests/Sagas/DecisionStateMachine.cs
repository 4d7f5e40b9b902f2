using System.Collections.Concurrent;
using MassTransit;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// The counter saga with an outcome: every applied <see cref="Decide"/> publishes a <see cref="Decision"/> carrying
/// the attempt that decided it, the way the order saga publishes what it decided (an order paid, refunded...).
/// </summary>
public sealed class DecisionStateMachine : MassTransitStateMachine<CounterState>
{
    private static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    public DecisionStateMachine()
    {
        InstanceState(saga => saga.CurrentState);

        Event(() => Decided, e => e.CorrelateById(context => context.Message.CounterId));

        Initially(
            When(Decided)
                .ThenAsync(context => CreationHooks.Run(context.Saga.CorrelationId))
                .Then(context => Apply(context.Saga, context.Message.Sequence))
                .Publish(context => Outcome(context.Saga, context.Message))
                .TransitionTo(Counting));

        During(
            Counting,
            When(Decided)
                .Then(context => Apply(context.Saga, context.Message.Sequence))
                .Publish(context => Outcome(context.Saga, context.Message)));
    }

    public State Counting { get; private set; } = null!;

    public Event<Decide> Decided { get; private set; } = null!;

    /// <summary>How many times the behaviours ran for this instance, committed or not.</summary>
    public static int AttemptsFor(Guid correlationId) => Attempts.TryGetValue(correlationId, out var attempts) ? attempts : 0;

    private static Decision Outcome(CounterState saga, Decide message) => new()
    {
        CounterId = saga.CorrelationId,
        Sequence = message.Sequence,
        Attempt = Attempts.AddOrUpdate(saga.CorrelationId, 1, (_, n) => n + 1),
        Counter = saga.Counter,
        Applied = saga.Applied,
    };

    private static void Apply(CounterState saga, int sequence)
    {
        saga.Counter++;
        saga.Applied = saga.Applied.Length == 0 ? sequence.ToString() : $"{saga.Applied},{sequence}";
    }
}

/// <summary>Its own endpoint per host; retry and outbox come from the project's bus registration, as for every endpoint.</summary>
public sealed class DecisionStateDefinition : SagaDefinition<CounterState>
{
    public DecisionStateDefinition()
    {
        Endpoint(e => e.Name = $"decision-saga-{Guid.NewGuid():N}");
    }
}

/// <summary>Every <see cref="Decision"/> that left the saga's endpoint, as its subscriber receives it.</summary>
public sealed class DecisionLog
{
    private readonly ConcurrentQueue<Decision> _received = new();

    public IReadOnlyList<Decision> For(Guid counterId) => _received.Where(d => d.CounterId == counterId).ToList();

    public void Add(Decision decision) => _received.Enqueue(decision);
}

public sealed class DecisionRecorder(DecisionLog log) : IConsumer<Decision>
{
    public Task Consume(ConsumeContext<Decision> context)
    {
        log.Add(context.Message);
        return Task.CompletedTask;
    }
}
