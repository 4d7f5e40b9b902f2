using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Persistence.Sagas;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// A host set up the way a service is: <c>AddServiceDatabase</c> (provider, transient-failure classifier) and the
/// project's <c>AddBus</c> (in-memory transport; every endpoint with its message retry outside the in-memory outbox),
/// running <see cref="DecisionStateMachine"/> on the EF Core saga repository and a subscriber of its decisions.
/// With <c>retryLikeSqlServer</c> the DbContext gets SQL Server's retrying execution strategy (what
/// <c>EnableRetryOnFailure</c> sets in production), whatever the provider underneath.
/// </summary>
public sealed class DecisionSagaHost : IAsyncDisposable
{
    private static readonly TimeSpan BusTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;

    private DecisionSagaHost(IHost host, string connectionString)
    {
        _host = host;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public InjectedFaults Faults => _host.Services.GetRequiredService<InjectedFaults>();

    public DecisionLog Decisions => _host.Services.GetRequiredService<DecisionLog>();

    public static async Task<DecisionSagaHost> StartAsync(DatabaseProvider provider, string connectionString, bool retryLikeSqlServer)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Sagas"] = connectionString,
        });
        builder.Services.AddLogging();
        builder.AddServiceDatabase<CounterDbContext, CounterDbContext, CounterDbContext>(new ServiceDatabase("Sagas"));

        var faults = new InjectedFaults();
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton<DecisionLog>();
        builder.Services.ConfigureDbContext<CounterDbContext>(db =>
        {
            db.AddInterceptors(faults.Interceptors);
            if (retryLikeSqlServer)
            {
                _ = provider switch
                {
                    DatabaseProvider.Sqlite => db.UseSqlite(connectionString, o => o.ExecutionStrategy(d => new SqlServerRetryingExecutionStrategy(d))),
                    DatabaseProvider.Postgres => db.UseNpgsql(connectionString, o => o.ExecutionStrategy(d => new SqlServerRetryingExecutionStrategy(d))),
                    _ => throw new NotSupportedException($"{provider} is not run here."),
                };
            }
        });

        builder.AddBusContribution(bus =>
        {
            bus.AddSagaStateMachine<DecisionStateMachine, CounterState>(typeof(DecisionStateDefinition))
                .EntityFrameworkRepository<CounterState, CounterDbContext>();
            bus.AddConsumer<DecisionRecorder>();
        });
        builder.AddBus();

        var host = builder.Build();
        try
        {
            using var cts = new CancellationTokenSource(BusTimeout);
            await host.StartAsync(cts.Token);
            await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, BusTimeout);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var strategy = scope.ServiceProvider.GetRequiredService<CounterDbContext>().Database.CreateExecutionStrategy();
                if (strategy.RetriesOnFailure != retryLikeSqlServer)
                {
                    throw new InvalidOperationException($"The saga's DbContext retries on failure: {strategy.RetriesOnFailure}, expected {retryLikeSqlServer}.");
                }
            }

            return new DecisionSagaHost(host, connectionString);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public Task PublishAsync(Decide message) => _host.Services.GetRequiredService<IBus>().Publish(message);

    public async Task<CounterState?> FindAsync(Guid correlationId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Counters.AsNoTracking().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId);
    }

    /// <summary>
    /// Waits until the instance is stored with <paramref name="counter"/> applied events and a decision arrived, then
    /// a little longer: the outbox hands over all of a delivery's messages at once, so anything a discarded attempt
    /// decided would arrive with the committed decision.
    /// </summary>
    public async Task<IReadOnlyList<Decision>> DecisionsAfterCommitAsync(Guid correlationId, int counter, TimeSpan timeout)
    {
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            while ((await FindAsync(correlationId))?.Counter != counter || Decisions.For(correlationId).Count == 0)
            {
                await Task.Delay(25, patience.Token);
            }
        }
        catch (OperationCanceledException)
        {
            var saga = await FindAsync(correlationId);
            throw new TimeoutException(
                $"Within {timeout}: stored counter {saga?.Counter.ToString() ?? "none"} (expected {counter}), " +
                $"{Decisions.For(correlationId).Count} decisions, {DecisionStateMachine.AttemptsFor(correlationId)} attempts.");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        return Decisions.For(correlationId);
    }

    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(BusTimeout))
        {
            await _host.StopAsync(cts.Token);
        }

        _host.Dispose();
    }
}
