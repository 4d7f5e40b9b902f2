using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;
using Payments.Orders.Saga;

namespace Payments.Orders.Tests.Saga;

/// <summary>
/// The order state machine on MassTransit's in-memory test harness. Each <c>Deliver</c> publishes one event and
/// waits until the saga consumed it, so a spec reads as the sequence of deliveries it describes.
/// </summary>
public sealed class OrderSagaHarness : IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly PublishCounter _publishes = new();
    private int _delivered;

    public OrderSagaHarness(string provider = "rustore", string environment = "production")
    {
        Reference = new OrderReference { Provider = provider, Account = "game", Environment = environment, ProviderOrderId = "order-1" };
        _provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddSagaStateMachine<OrderStateMachine, OrderState>(typeof(OrderStateDefinition)).InMemoryRepository())
            .BuildServiceProvider(validateScopes: true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<OrderStateMachine, OrderState>();
    }

    public OrderReference Reference { get; }

    public Guid OrderId => Reference.ToOrderId();

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<OrderStateMachine, OrderState> Saga { get; }

    public OrderState Order => Saga.Sagas.Contains(OrderId) ?? throw new InvalidOperationException("The order saga does not exist.");

    public string Status => Order.CurrentState;

    public static async Task<OrderSagaHarness> StartAsync(string provider = "rustore", string environment = "production")
    {
        var harness = new OrderSagaHarness(provider, environment);
        await harness.Harness.Start();
        harness.Harness.Bus.ConnectPublishObserver(harness._publishes);
        return harness;
    }

    public Task Placed(string user = "user-1", string sku = "sword", string? amount = null) =>
        Deliver(new OrderPlaced
        {
            OrderId = OrderId,
            Order = Reference,
            UserId = user,
            Items = [new OrderItem { Sku = sku, Quantity = 1 }],
            Amount = amount,
            PlacedAt = At,
        });

    public Task Started(string source = "started") => Deliver(new PaymentStarted { OrderId = OrderId, Order = Reference, Payment = Details(source) });

    public Task Authorized(string source = "authorized") => Deliver(new PaymentAuthorized { OrderId = OrderId, Order = Reference, Payment = Details(source) });

    public Task Succeeded(string source = "succeeded", string? user = null, string? sku = null, string? amount = null) =>
        Deliver(new PaymentSucceeded { OrderId = OrderId, Order = Reference, Payment = Details(source, user, sku, amount) });

    public Task Failed(string source = "failed") => Deliver(new PaymentFailed { OrderId = OrderId, Order = Reference, Payment = Details(source), Reason = "cancelled" });

    public Task Reversed(string source = "reversed") => Deliver(new PaymentReversed { OrderId = OrderId, Order = Reference, Payment = Details(source) });

    public Task Refunded(string source = "refunded") => Deliver(new PaymentRefunded { OrderId = OrderId, Order = Reference, Payment = Details(source) });

    public Task PartiallyRefunded(string source = "partial") => Deliver(new PaymentPartiallyRefunded { OrderId = OrderId, Order = Reference, Payment = Details(source) });

    /// <summary>Publishes <paramref name="message"/> and waits until the saga has consumed one more message.</summary>
    public async Task Deliver<T>(T message)
        where T : class
    {
        await Harness.Bus.Publish(message);
        var expected = ++_delivered;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Existing(Saga.Consumed) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the saga consumed {Existing(Saga.Consumed)} of {expected} messages");
            await Task.Delay(5);
        }
    }

    /// <summary>How many times <typeparamref name="T"/> was published so far (outcomes leave after the save).</summary>
    public async Task<int> PublishedCount<T>()
        where T : class
    {
        await Task.Delay(50);
        return _publishes.Count<T>();
    }

    /// <summary>Every publish of <typeparamref name="T"/> so far, re-emissions included (after the same wait as <see cref="PublishedCount{T}"/>).</summary>
    public async Task<IReadOnlyList<(Guid? MessageId, T Message)>> PublishedAsync<T>()
        where T : class
    {
        await Task.Delay(50);
        return _publishes.All<T>();
    }

    /// <summary>Messages the saga failed to consume so far (a fault is a bug in the machine, never an expected outcome).</summary>
    public IReadOnlyList<Exception> Faults()
    {
        using var now = new CancellationTokenSource();
        now.Cancel();
        return [.. Saga.Consumed.Select(_ => true, now.Token).Where(m => m.Exception is not null).Select(m => m.Exception)];
    }

    private static int Existing(IReceivedMessageList list)
    {
        using var now = new CancellationTokenSource();
        now.Cancel();
        return list.Select(_ => true, now.Token).Count();
    }

    private static PaymentDetails Details(string source, string? user = null, string? sku = null, string? amount = null) => new()
    {
        SourceEventId = source,
        OccurredAt = At,
        UserId = user,
        Items = sku is null ? null : [new OrderItem { Sku = sku, Quantity = 1 }],
        Amount = amount,
    };

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
