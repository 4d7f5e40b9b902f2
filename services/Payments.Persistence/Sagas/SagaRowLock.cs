using System.Buffers.Binary;
using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Payments.Persistence.Sagas;

/// <summary>
/// The per-provider part of the pessimistic repository: which isolation level the saga transaction uses, how the
/// row of an existing instance is locked, and how the key of a not-yet-existing instance is locked.
/// </summary>
internal sealed class SagaRowLock
{
    private readonly DatabaseProvider _provider;
    private readonly SagaTable _table;
    private readonly string _rowLockSql;

    private SagaRowLock(DatabaseProvider provider, SagaTable table)
    {
        _provider = provider;
        _table = table;
        _rowLockSql = SagaLockStatement.For(provider, table.Schema, table.Name, table.KeyColumn);
    }

    public static SagaRowLock For<TSaga>(DatabaseProvider provider, DbContext db)
        where TSaga : class, ISaga
    {
        EnsureProviderMatches(provider, db);
        return new SagaRowLock(provider, SagaTable.Resolve<TSaga>(db.Model));
    }

    /// <summary>
    /// PostgreSQL: READ COMMITTED, so that every locking read sees the latest committed row: one that had to wait
    /// returns the previous holder's version instead of a serialization failure, and the re-read after the key
    /// lock sees a row its previous holder just created.
    /// SQL Server: SERIALIZABLE, so the UPDLOCK on an absent key holds a key-range lock until commit and a second
    /// creator of the same instance waits rather than inserting a duplicate.
    /// SQLite: SERIALIZABLE is its only isolation (and makes Microsoft.Data.Sqlite begin IMMEDIATE).
    /// </summary>
    public IsolationLevel IsolationLevel => _provider == DatabaseProvider.Postgres ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable;

    /// <summary>For SQLite, waits for the database's write gate; otherwise nothing to wait for.</summary>
    public async Task<IDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken) =>
        _provider == DatabaseProvider.Sqlite ? await SqliteWriteGate.EnterAsync(db, cancellationToken) : null;

    public Task<IDbContextTransaction> BeginTransactionAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(IsolationLevel, cancellationToken);

    /// <summary>
    /// Locks the instance for the rest of the transaction whether or not it exists yet: its row when it does (and reads
    /// it), else its key. <c>null</c>: no instance, and this transaction alone may create it.
    /// <para>
    /// PostgreSQL: <c>FOR UPDATE</c> locks nothing when no row matches, so two first events would both create the
    /// instance. A transaction-scoped advisory lock on the key comes first and makes the second wait until the first
    /// commits; the row lock and read follow as a second statement of the same command (one round trip). Under
    /// READ COMMITTED each statement of a batch reads with its own snapshot, taken after the advisory lock was granted,
    /// so a row its previous holder just created is seen and locked. (One statement could not do this: its snapshot
    /// would be older than the wait.) SQL Server's key-range lock and SQLite's write gate already cover the absent row.
    /// </para>
    /// </summary>
    public async Task<TSaga?> LockInstanceAsync<TSaga>(DbContext db, Guid correlationId, CancellationToken cancellationToken)
        where TSaga : class, ISaga
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            return await db.Set<TSaga>().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId, cancellationToken);
        }

        // The advisory key is a number this class computes (never input text), so it is written into the DO block,
        // which takes no parameters; the DO statement returns no rows, and the rows read are those of the row lock.
        var sql = _provider == DatabaseProvider.Postgres
            ? string.Create(CultureInfo.InvariantCulture, $"DO $$BEGIN PERFORM pg_advisory_xact_lock({AdvisoryKey(correlationId)}); END$$; {_rowLockSql}")
            : _rowLockSql;
        var rows = await db.Set<TSaga>()
            .FromSqlRaw(sql, KeyParameter(db, correlationId))
            .AsTracking()
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    private System.Data.Common.DbParameter KeyParameter(DbContext db, Guid correlationId)
    {
        // The key property's own type mapping binds the value, so a value converter on CorrelationId is honoured.
        using var command = db.Database.GetDbConnection().CreateCommand();
        return _table.KeyProperty.GetRelationalTypeMapping().CreateParameter(command, SagaLockStatement.KeyParameterName, correlationId);
    }

    // Stable across processes and replicas (string.GetHashCode is not): the table and key hashed to 64 bits.
    private long AdvisoryKey(Guid correlationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"saga:{_table.QualifiedName}:{correlationId:N}"));
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    private static void EnsureProviderMatches(DatabaseProvider provider, DbContext db)
    {
        var actual = db.Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
            "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseProvider.SqlServer,
            "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
            _ => (DatabaseProvider?)null,
        };
        if (actual is { } known && known != provider)
        {
            throw new InvalidOperationException(
                $"Database:Provider is {provider}, but {db.GetType().Name} runs on {known}; the saga repository's row lock would not match the database.");
        }
    }
}
