using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Database failures a test arms for the next saga transaction of a <see cref="DecisionSagaHost"/>: a commit that
/// times out (after the behaviours decided and the changes were saved), or a saga insert that hits the primary key
/// as if another writer had inserted the row.
/// </summary>
public sealed class InjectedFaults
{
    private int _commitFailures;
    private int _insertConflicts;

    public IInterceptor[] Interceptors => [new CommitFault(this), new InsertConflict(this)];

    /// <summary>The next commit throws <see cref="TimeoutException"/>, transient for SQL Server's execution strategy and for the bus.</summary>
    public void FailNextCommit() => Interlocked.Increment(ref _commitFailures);

    /// <summary>The next INSERT into the saga table fails with SQLite's primary-key violation.</summary>
    public void FailNextSagaInsertWithUniqueViolation() => Interlocked.Increment(ref _insertConflicts);

    private static bool Take(ref int armed)
    {
        int seen;
        while ((seen = Volatile.Read(ref armed)) > 0)
        {
            if (Interlocked.CompareExchange(ref armed, seen - 1, seen) == seen)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class CommitFault(InjectedFaults faults) : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Take(ref faults._commitFailures)
                ? throw new TimeoutException("Injected: the commit timed out.")
                : ValueTask.FromResult(result);
    }

    private sealed class InsertConflict(InjectedFaults faults) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase)
                && command.CommandText.Contains(CounterDbContext.Table, StringComparison.Ordinal)
                && Take(ref faults._insertConflicts))
            {
                // SQLITE_CONSTRAINT (19) / SQLITE_CONSTRAINT_PRIMARYKEY (1555), as SQLite reports a duplicate key.
                throw new SqliteException($"SQLite Error 19: 'UNIQUE constraint failed: {CounterDbContext.Table}.{CounterDbContext.KeyColumn}'.", 19, 1555);
            }
        }
    }
}
