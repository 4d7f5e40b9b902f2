using Microsoft.EntityFrameworkCore;
using Payments.Testing;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// On a real PostgreSQL. The insert conflict is real: while the first attempt applies the event to a brand-new
/// instance, another writer commits the same row, so the saga's INSERT hits the primary key; the attempt after it
/// applies the event to that row.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class PostgresDiscardedAttemptTests(PostgresFixture postgres) : DiscardedAttemptScenarios
{
    protected override (int Counter, string Applied) StoredAfterConflict => (2, "0,7");

    protected override async Task<DecisionSagaHost> StartHostAsync(bool retryLikeSqlServer) =>
        await DecisionSagaHost.StartAsync(DatabaseProvider.Postgres, await postgres.Server.CreateDatabaseAsync("outbox"), retryLikeSqlServer);

    protected override async Task ProvokeInsertConflictAsync(DecisionSagaHost host, Guid correlationId)
    {
        var options = new DbContextOptionsBuilder<CounterDbContext>().UseNpgsql(host.ConnectionString).Options;
        await using var db = new CounterDbContext(options);
        db.Counters.Add(new CounterState
        {
            CorrelationId = correlationId,
            CurrentState = nameof(DecisionStateMachine.Counting),
            Counter = 1,
            Applied = "0",
        });
        await db.SaveChangesAsync();
    }
}
