using System.Buffers.Binary;
using System.Data;
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
    /// Locks the instance's row until the transaction ends and reads it in the same statement, or returns
    /// <c>null</c> when there is no row. Lock and read must be one statement: under READ COMMITTED a separate read
    /// could see a row that a concurrent creator committed after the lock statement found nothing, and that row
    /// would then be used without a lock. SQLite reads plainly (its writes are serialized by the gate).
    /// </summary>
    private async Task<TSaga?> LockAndReadAsync<TSaga>(DbContext db, Guid correlationId, CancellationToken cancellationToken)
        where TSaga : class, ISaga
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            return await db.Set<TSaga>().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId, cancellationToken);
        }

        var rows = await db.Set<TSaga>()
            .FromSqlRaw(_rowLockSql, KeyParameter(db, correlationId))
            .AsTracking()
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Locks the instance for the rest of the transaction whether or not it exists yet: its row when it does (and reads
    /// it), else its key — after which the row is looked for again, since whoever held the key before may have just
    /// created it. <c>null</c>: no instance, and this transaction alone may create it.
    /// </summary>
    public async Task<TSaga?> LockInstanceAsync<TSaga>(DbContext db, Guid correlationId, CancellationToken cancellationToken)
        where TSaga : class, ISaga
    {
        var instance = await LockAndReadAsync<TSaga>(db, correlationId, cancellationToken);
        if (instance is null && await LockAbsentRowAsync(db, correlationId, cancellationToken))
        {
            instance = await LockAndReadAsync<TSaga>(db, correlationId, cancellationToken);
        }

        return instance;
    }

    /// <summary>
    /// Called when the row does not exist yet. On PostgreSQL, <c>FOR UPDATE</c> locks nothing when no row matches, so
    /// two first events would both create the instance; a transaction-scoped advisory lock on the key makes the second
    /// wait until the first commits. Returns whether the caller must read the row again (it may exist now).
    /// SQL Server's key-range lock and SQLite's write gate already cover the absent row.
    /// </summary>
    private async Task<bool> LockAbsentRowAsync(DbContext db, Guid correlationId, CancellationToken cancellationToken)
    {
        if (_provider != DatabaseProvider.Postgres)
        {
            return false;
        }

        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(@p0)", [AdvisoryKey(correlationId)], cancellationToken);
        return true;
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
