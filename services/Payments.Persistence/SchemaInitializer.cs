using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Persistence;

/// <summary>
/// Brings a service's schema up to date before the bus starts consuming: migrations where the context has them
/// (PostgreSQL, SQL Server), otherwise the model as it is (SQLite). Replicas that start together migrate one after
/// the other: on PostgreSQL under a session advisory lock per context (two replicas applying the same migration at
/// once failed on the history table's key, and the second one crashed), on SQL Server under EF Core's own
/// application lock. The later ones find nothing left to apply.
/// </summary>
internal sealed class SchemaInitializer<TContext>(IServiceScopeFactory scopes, ILogger<SchemaInitializer<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsRelational() && db.Database.GetMigrations().Any())
        {
            if (db.Database.ProviderName == PostgresProvider)
            {
                // A session lock on the connection the migrations then run on: it outlives their transactions. The
                // wait for it may be as long as another replica's migrations, not the usual command timeout.
                await db.Database.OpenConnectionAsync(cancellationToken);
                var timeout = db.Database.GetCommandTimeout();
                try
                {
                    db.Database.SetCommandTimeout(LockWait);
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
                    db.Database.SetCommandTimeout(timeout);
                    await db.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    // Released explicitly: closing only returns the connection to the pool, where the session and
                    // its lock would live on.
                    db.Database.SetCommandTimeout(timeout);
                    try
                    {
                        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
                    }
                    catch (System.Data.Common.DbException)
                    {
                        // The connection broke: its session, and the lock with it, are gone.
                    }

                    await db.Database.CloseConnectionAsync();
                }
            }
            else
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            logger.LogInformation("Schema of {Context} migrated", typeof(TContext).Name);
        }
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            logger.LogInformation("Schema of {Context} ensured", typeof(TContext).Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>How long a replica waits for another's migrations.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The advisory lock of this context's migrations: the same number in every process, another per context.</summary>
    private static readonly long LockKey =
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("payments-migrations:" + typeof(TContext).FullName)));
}
