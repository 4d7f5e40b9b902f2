using Payments.Testing;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>The repository on a real PostgreSQL: row lock (<c>FOR UPDATE</c>) plus the key lock for new instances.</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class PostgresSagaRepositoryTests(PostgresFixture postgres) : ConcurrentSagaScenarios
{
    protected override async Task<CounterSagaHost> StartHostAsync() =>
        await CounterSagaHost.StartAsync(DatabaseProvider.Postgres, await postgres.Server.CreateDatabaseAsync("sagas"));

    [Fact]
    public async Task An_instance_created_concurrently_outside_the_repository_gets_the_event_applied_instead_of_losing_it()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("sagas");
        await using var host = await CounterSagaHost.StartAsync(DatabaseProvider.Postgres, connectionString);
        var id = Guid.NewGuid();
        var hookRuns = 0;

        // While the first event is being applied to a brand-new instance, another writer commits the same row;
        // the repository's insert then hits the primary key, and the message retry applies the event to that row.
        CreationHooks.Register(id, async () =>
        {
            if (Interlocked.Increment(ref hookRuns) == 1)
            {
                await InsertOutsideRepositoryAsync(connectionString, id);
            }
        });
        try
        {
            await host.PublishConcurrentlyAsync([new Tick { CounterId = id, Sequence = 7 }]);
            await host.Deliveries.WaitForAsync(1, DeliveryTimeout);
        }
        finally
        {
            CreationHooks.Remove(id);
        }

        Assert.Empty(host.Deliveries.Faults);
        Assert.Equal(1, hookRuns);
        var saga = await host.FindAsync(id);
        Assert.NotNull(saga);
        Assert.Equal(2, saga.Counter);
        Assert.Equal([0, 7], saga.AppliedSequences);
    }

    /// <summary>
    /// The round trips of one message (BEGIN travels with the first command): a new instance costs the row lock that
    /// finds nothing, the key lock, the second look, the insert and the commit; an existing one the row lock, the update
    /// and the commit. No savepoint around the final save: whatever fails there rolls the whole attempt back.
    /// </summary>
    [Fact]
    public async Task A_message_costs_its_locks_one_write_and_the_commit_without_a_savepoint()
    {
        var roundTrips = new DatabaseRoundTrips();
        await using var host = await CounterSagaHost.StartAsync(DatabaseProvider.Postgres, await postgres.Server.CreateDatabaseAsync("sagas"), roundTrips);
        var id = Guid.NewGuid();
        roundTrips.Clear(); // the schema the host created

        await host.PublishConcurrentlyAsync([new Tick { CounterId = id, Sequence = 1 }]);
        await host.Deliveries.WaitForAsync(1, DeliveryTimeout);
        var created = roundTrips.Statements;
        roundTrips.Clear();
        await host.PublishConcurrentlyAsync([new Tick { CounterId = id, Sequence = 2 }]);
        await host.Deliveries.WaitForAsync(2, DeliveryTimeout);
        var updated = roundTrips.Statements;

        Assert.Empty(host.Deliveries.Faults);
        static IEnumerable<string> Verbs(IReadOnlyList<string> statements) => statements.Where(s => s != "BEGIN").Select(s => s.Split(' ')[0]);
        Assert.Equal(["SELECT", "SELECT", "SELECT", "INSERT", "COMMIT"], Verbs(created));
        Assert.Contains("pg_advisory_xact_lock", created.Where(s => s != "BEGIN").ElementAt(1), StringComparison.Ordinal);
        Assert.Equal(["SELECT", "UPDATE", "COMMIT"], Verbs(updated));
        Assert.Equal(2, (await host.FindAsync(id))!.Counter);
    }

    [Fact]
    public async Task The_start_up_warm_up_runs_the_repository_statements_once_and_leaves_nothing_behind()
    {
        var roundTrips = new DatabaseRoundTrips();
        await using var host = await CounterSagaHost.StartAsync(DatabaseProvider.Postgres, await postgres.Server.CreateDatabaseAsync("sagas"), roundTrips);
        roundTrips.Clear(); // the schema the host created
        var warmup = Assert.Single(host.Services.GetServices<ServiceDefaults.Warmup.IStartupWarmup>(), w => w.Name == "saga-repository-CounterState");

        await warmup.WarmAsync(CancellationToken.None);

        Assert.Equal(["BEGIN", "SELECT", "SELECT", "SELECT", "INSERT", "UPDATE", "ROLLBACK"], roundTrips.Statements.Select(s => s.Split(' ')[0]));
        Assert.Empty(await host.AllAsync());
    }

    [Fact]
    public async Task A_rehearsal_runs_the_saga_and_its_statements_and_is_rolled_back_for_a_new_and_an_existing_instance()
    {
        var roundTrips = new DatabaseRoundTrips();
        await using var host = await CounterSagaHost.StartAsync(DatabaseProvider.Postgres, await postgres.Server.CreateDatabaseAsync("sagas"), roundTrips);
        var fresh = Guid.NewGuid();
        var existing = Guid.NewGuid();
        await host.PublishConcurrentlyAsync([new Tick { CounterId = existing, Sequence = 1 }]);
        await host.Deliveries.WaitForAsync(1, DeliveryTimeout);
        roundTrips.Clear();

        await host.PublishRehearsalAsync(new Tick { CounterId = fresh, Sequence = 1 });
        await host.PublishRehearsalAsync(new Tick { CounterId = existing, Sequence = 2 });
        await host.Deliveries.WaitForAsync(3, DeliveryTimeout);

        Assert.Empty(host.Deliveries.Faults);
        Assert.Contains(roundTrips.Statements, s => s.StartsWith("INSERT", StringComparison.Ordinal));
        Assert.Contains(roundTrips.Statements, s => s.StartsWith("UPDATE", StringComparison.Ordinal));
        Assert.DoesNotContain("COMMIT", roundTrips.Statements);
        Assert.Null(await host.FindAsync(fresh));
        Assert.Equal(1, (await host.FindAsync(existing))!.Counter);
    }

    [Fact]
    public async Task Load_and_query_repositories_read_stored_instances()
    {
        await using var host = await StartHostAsync();
        var id = Guid.NewGuid();
        await host.PublishConcurrentlyAsync(Enumerable.Range(1, 3).Select(s => new Tick { CounterId = id, Sequence = s }));
        await host.Deliveries.WaitForAsync(3, DeliveryTimeout);

        var loaded = await host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(id);
        var found = await host.Services.GetRequiredService<IQuerySagaRepository<CounterState>>()
            .Find(new SagaQuery<CounterState>(saga => saga.Counter == 3));
        var none = await host.Services.GetRequiredService<IQuerySagaRepository<CounterState>>()
            .Find(new SagaQuery<CounterState>(saga => saga.Counter == 4));

        Assert.NotNull(loaded);
        Assert.Equal(3, loaded.Counter);
        Assert.Equal([id], found);
        Assert.Empty(none);
        Assert.Null(await host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(Guid.NewGuid()));
    }

    private static async Task InsertOutsideRepositoryAsync(string connectionString, Guid id)
    {
        var options = new DbContextOptionsBuilder<CounterDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new CounterDbContext(options);
        db.Counters.Add(new CounterState
        {
            CorrelationId = id,
            CurrentState = nameof(CounterStateMachine.Counting),
            Counter = 1,
            Applied = "0",
        });
        await db.SaveChangesAsync();
    }
}
