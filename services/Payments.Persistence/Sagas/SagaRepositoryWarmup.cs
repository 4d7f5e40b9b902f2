using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Before the service reports ready, the repository's own statements run once against the real database, in a
/// transaction that is rolled back: the row lock and read of an instance that does not exist, the key lock, the insert
/// of a new instance and an update of it. EF Core builds the model and compiles the query, the insert and the update
/// (the saga's value converters included), Npgsql opens a pooled connection, and nothing is left behind — the rolled-
/// back row was never visible to anyone. The first orders after a deploy then do not pay for it.
/// </summary>
internal sealed class SagaRepositoryWarmup<TSaga, TContext>(IServiceScopeFactory scopes, DatabaseOptions options) : IStartupWarmup
    where TSaga : class, ISaga
    where TContext : DbContext
{
    public string Name => $"saga-repository-{typeof(TSaga).Name}";

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var rowLock = SagaRowLock.For<TSaga>(options.Provider, db);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = false; // as the repository's final save
            using var gate = await rowLock.EnterAsync(db, cancellationToken);
            await using var transaction = await rowLock.BeginTransactionAsync(db, cancellationToken);
            try
            {
                var id = NewId.NextGuid();
                _ = await rowLock.LockInstanceAsync<TSaga>(db, id, cancellationToken);

                var instance = Activator.CreateInstance<TSaga>();
                instance.CorrelationId = id;
                var entry = db.Set<TSaga>().Add(instance);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    entry.State = EntityState.Modified;
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
                {
                    // A blank instance collides with a unique index the owner put on the saga (the order's natural
                    // key) when another replica rehearses at the same moment: the insert ran, which is what counts.
                }
            }
            finally
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        });
    }
}
