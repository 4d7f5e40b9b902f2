using MassTransit;
using Payments.Orders.Lifecycle;
using Payments.Orders.Saga;

namespace Payments.Orders.Tests.Saga;

/// <summary>
/// The state machine is the transition table: its states are the order statuses, every state handles every event,
/// and what each event does from each status is what <see cref="OrderTransitions"/> allows — checked exhaustively on
/// the real machine, with MassTransit's own state change notifications.
/// </summary>
public class OrderStateMachineShapeSpecs
{
    private static readonly OrderStateMachine Machine = new();

    [Fact]
    public void The_machines_states_are_the_order_statuses()
    {
        var states = Machine.States.Where(s => s != Machine.Initial && s != Machine.Final).Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(Enum.GetNames<OrderStatus>().Order(StringComparer.Ordinal), states);
        Assert.All(Enum.GetValues<OrderStatus>(), status => Assert.Equal(status, OrderStateMachine.StatusOf(Machine.GetState(status.ToString()))));
        Assert.Null(OrderStateMachine.StatusOf(Machine.Initial));
    }

    [Fact]
    public void Every_state_an_order_can_be_in_handles_every_event()
    {
        var events = Machine.Events.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(9, events.Count);

        foreach (var state in Machine.States.Where(s => s != Machine.Final))
        {
            var handled = Machine.NextEvents(state).Select(e => e.Name).Where(events.Contains).Order(StringComparer.Ordinal);
            Assert.True(events.SequenceEqual(handled), $"{state.Name} handles {string.Join(", ", handled)}");
        }
    }

    public static TheoryData<OrderStatus, string> EveryStatusAndPaymentEvent()
    {
        var data = new TheoryData<OrderStatus, string>();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            foreach (var step in Steps.Keys)
            {
                data.Add(status, step);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndPaymentEvent))]
    public async Task Each_payment_event_from_each_status_does_what_the_table_allows(OrderStatus from, string step)
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        var moves = new StateMoves();
        saga.Saga.StateMachine.ConnectStateObserver(moves);
        await saga.Placed();
        if (from != OrderStatus.Placed)
        {
            await OrderSagaTransitionSpecs.Deliver(saga, Steps.Single(s => s.Value == from).Key);
        }

        var before = moves.Count;
        await Deliver(saga, step);

        var target = Steps[step];
        var expected = OrderTransitions.Allows(from, target) ? target : from;
        Assert.Equal(expected.ToString(), saga.Status);
        Assert.Equal(expected != from ? [$"{from}->{expected}"] : [], moves.Since(before));
        Assert.Empty(saga.Faults());
    }

    [Fact]
    public async Task The_first_event_enters_the_status_it_names_from_initial()
    {
        await using var saga = await OrderSagaHarness.StartAsync();
        var moves = new StateMoves();
        saga.Saga.StateMachine.ConnectStateObserver(moves);

        await saga.Succeeded();
        await saga.Placed();
        await saga.Refunded();

        Assert.Equal(["Initial->Paid", "Paid->Refunded"], moves.Since(0));
    }

    private static readonly Dictionary<string, OrderStatus> Steps = new(StringComparer.Ordinal)
    {
        ["started"] = OrderStatus.Started,
        ["authorized"] = OrderStatus.Authorized,
        ["succeeded"] = OrderStatus.Paid,
        ["failed"] = OrderStatus.Failed,
        ["reversed"] = OrderStatus.Reversed,
        ["refunded"] = OrderStatus.Refunded,
    };

    /// <summary>The same events as the history, from another source, so none is a duplicate.</summary>
    private static Task Deliver(OrderSagaHarness saga, string step) => step switch
    {
        "started" => saga.Started("again"),
        "authorized" => saga.Authorized("again"),
        "succeeded" => saga.Succeeded("again"),
        "failed" => saga.Failed("again"),
        "reversed" => saga.Reversed("again"),
        "refunded" => saga.Refunded("again"),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown step"),
    };

    private sealed class StateMoves : IStateObserver<OrderState>
    {
        private readonly List<string> _moves = [];

        public int Count
        {
            get
            {
                lock (_moves)
                {
                    return _moves.Count;
                }
            }
        }

        public List<string> Since(int index)
        {
            lock (_moves)
            {
                return _moves.Skip(index).ToList();
            }
        }

        public Task StateChanged(BehaviorContext<OrderState> context, State currentState, State previousState)
        {
            lock (_moves)
            {
                _moves.Add($"{previousState?.Name ?? "none"}->{currentState.Name}");
            }

            return Task.CompletedTask;
        }
    }
}
