using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Sagas;

/// <summary>
/// SQLite has no row locks, so saga writes to one database file are serialized: one process-wide semaphore per
/// database, held for the whole saga transaction (which is also begun IMMEDIATE, taking SQLite's write lock, so
/// another process writing the same file waits instead of interleaving).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<IDisposable> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(DatabaseKey(db), static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private static string DatabaseKey(DbContext db)
    {
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The SQLite DbContext has no connection string.");
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(dataSource) || dataSource == ":memory:";
        return inMemory ? "memory:" + connectionString : "file:" + Path.GetFullPath(dataSource);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
