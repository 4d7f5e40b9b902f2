using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Sagas;
using Payments.Testing;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// A real MassTransit bus (in-memory transport) hosting the counter saga on the EF Core repository, registered
/// the way a service module does it, over a DbContext on <see cref="Provider"/>.
/// </summary>
public sealed class CounterSagaHost : IAsyncDisposable
{
    private static readonly TimeSpan BusTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;
    private readonly IBusControl _bus;
    private readonly ConnectHandle _observerHandle;

    private CounterSagaHost(DatabaseProvider provider, ServiceProvider services, IBusControl bus, DeliveryObserver observer, ConnectHandle observerHandle)
    {
        Provider = provider;
        _services = services;
        _bus = bus;
        Deliveries = observer;
        _observerHandle = observerHandle;
    }

    public DatabaseProvider Provider { get; }

    public DeliveryObserver Deliveries { get; }

    public IServiceProvider Services => _services;

    /// <param name="roundTrips">When given, counts what the saga's DbContext sends to the database.</param>
    public static async Task<CounterSagaHost> StartAsync(DatabaseProvider provider, string connectionString, DatabaseRoundTrips? roundTrips = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new DatabaseOptions { Provider = provider });
        services.AddDbContext<CounterDbContext>(db =>
        {
            db.UseConfiguredProvider(provider, connectionString);
            if (roundTrips is not null)
            {
                db.AddInterceptors(roundTrips);
            }
        });
        services.AddMassTransit(bus =>
        {
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>(typeof(CounterStateDefinition))
                .EntityFrameworkRepository<CounterState, CounterDbContext>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });

        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        try
        {
            await using (var scope = serviceProvider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<CounterDbContext>().Database.EnsureCreatedAsync();
            }

            var bus = serviceProvider.GetRequiredService<IBusControl>();
            var observer = new DeliveryObserver();
            var handle = bus.ConnectReceiveObserver(observer);
            using var cts = new CancellationTokenSource(BusTimeout);
            await bus.StartAsync(cts.Token);
            return new CounterSagaHost(provider, serviceProvider, bus, observer, handle);
        }
        catch
        {
            await serviceProvider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes all messages without waiting for one to be consumed before the next.</summary>
    /// <summary>Publishes <paramref name="message"/> marked as a rehearsal (<see cref="ServiceDefaults.Warmup.Rehearsal"/>).</summary>
    public Task PublishRehearsalAsync<T>(T message)
        where T : class =>
        _bus.Publish(message, context => context.Headers.Set(ServiceDefaults.Warmup.Rehearsal.Header, "true"));

    public Task PublishConcurrentlyAsync<T>(IEnumerable<T> messages)
        where T : class =>
        Task.WhenAll(messages.Select(message => _bus.Publish(message)));

    /// <summary>
    /// Makes the creation of each of these instances wait (up to a bound) until the saga endpoint has its full
    /// <see cref="CounterStateDefinition.Concurrency"/> deliveries in flight, so that every one of them races
    /// for an instance that does not exist yet.
    /// </summary>
    public IDisposable HoldCreationUntilEndpointIsFull(IEnumerable<Guid> correlationIds)
    {
        var ids = correlationIds.ToList();
        foreach (var id in ids)
        {
            CreationHooks.Register(id, () => Deliveries.WaitForInFlightAsync(CounterStateDefinition.Concurrency, TimeSpan.FromSeconds(10)));
        }

        return new HookRemoval(ids);
    }

    public async Task<CounterState?> FindAsync(Guid correlationId)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Counters.AsNoTracking().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId);
    }

    public async Task<List<CounterState>> AllAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Counters.AsNoTracking().ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _observerHandle.Disconnect();
        using (var cts = new CancellationTokenSource(BusTimeout))
        {
            await _bus.StopAsync(cts.Token);
        }

        await _services.DisposeAsync();
    }

    private sealed class HookRemoval(List<Guid> ids) : IDisposable
    {
        public void Dispose() => ids.ForEach(CreationHooks.Remove);
    }
}
