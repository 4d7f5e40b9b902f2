using MassTransit;

namespace Payments.Persistence.Tests.Sagas;

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
    {
        InstanceState(saga => saga.CurrentState);

        Event(() => Ticked, e => e.CorrelateById(context => context.Message.CounterId));
        Event(() => EagerTicked, e =>
        {
            e.CorrelateById(context => context.Message.CounterId);
            e.InsertOnInitial = true;
            e.SetSagaFactory(context => new CounterState { CorrelationId = context.Message.CounterId, CurrentState = Initial.Name });
        });
        Event(() => NamedTicked, e =>
        {
            e.CorrelateBy((saga, context) => saga.Name == context.Message.Name);
            e.SelectId(_ => NewId.NextGuid());
        });

        // Any event may be the first one for an instance.
        Initially(
            When(Ticked)
                .ThenAsync(context => CreationHooks.Run(context.Saga.CorrelationId))
                .ThenAsync(context => Apply(context.Saga, context.Message.Sequence))
                .TransitionTo(Counting),
            When(EagerTicked)
                .ThenAsync(context => CreationHooks.Run(context.Saga.CorrelationId))
                .ThenAsync(context => Apply(context.Saga, context.Message.Sequence))
                .TransitionTo(Counting),
            When(NamedTicked)
                .Then(context => context.Saga.Name = context.Message.Name)
                .ThenAsync(context => Apply(context.Saga, context.Message.Sequence))
                .TransitionTo(Counting));

        During(
            Counting,
            When(Ticked).ThenAsync(context => Apply(context.Saga, context.Message.Sequence)),
            When(EagerTicked).ThenAsync(context => Apply(context.Saga, context.Message.Sequence)),
            When(NamedTicked).ThenAsync(context => Apply(context.Saga, context.Message.Sequence)));
    }

    public State Counting { get; private set; } = null!;

    public Event<Tick> Ticked { get; private set; } = null!;

    public Event<EagerTick> EagerTicked { get; private set; } = null!;

    public Event<NamedTick> NamedTicked { get; private set; } = null!;

    // Yields like real behaviours do (publishing, say), so the in-memory transport can start further deliveries
    // while this one holds its transaction, even on SQLite whose ADO.NET calls complete synchronously.
    private static async Task Apply(CounterState saga, int sequence)
    {
        await Task.Yield();
        saga.Counter++;
        saga.Applied = saga.Applied.Length == 0 ? sequence.ToString() : $"{saga.Applied},{sequence}";
    }
}
