using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence;

/// <summary>
/// Applies a context's pending migrations so that processes doing it at once go one after the other: replicas that
/// start together (each migrates at start), and the migration runner. On PostgreSQL under a session advisory lock per
/// context (two replicas applying the same migration at once failed on the history table's key, and the second one
/// crashed); on SQL Server under EF Core's own application lock. The later ones find nothing left to apply.
/// </summary>
public static class SerializedMigration
{
    /// <summary>How long a process waits for another's migrations.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <param name="context">The context type the key is made from: the same in every process, another per context.</param>
    public static async Task MigrateAsync(DbContext db, Type context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        if (db.Database.ProviderName != PostgresProvider)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // A session lock on the connection the migrations then run on: it outlives their transactions. The wait for it
        // may be as long as another process's migrations, not the usual command timeout.
        var key = LockKey(context);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var timeout = db.Database.GetCommandTimeout();
        try
        {
            db.Database.SetCommandTimeout(LockWait);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
            db.Database.SetCommandTimeout(timeout);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            // Released explicitly: closing only returns the connection to the pool, where the session and its lock
            // would live on.
            db.Database.SetCommandTimeout(timeout);
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
            catch (System.Data.Common.DbException)
            {
                // The connection broke: its session, and the lock with it, are gone.
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static long LockKey(Type context) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("payments-migrations:" + context.FullName)));
}
