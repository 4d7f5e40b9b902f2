using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Payments.Testing;

/// <summary>
/// Counts what a DbContext sends to the database, as EF Core executes it: every command (queries, raw SQL, each
/// batch of a save) and every transaction statement (begin, savepoint, commit, rollback), in order. Add it with
/// <c>options.AddInterceptors(roundTrips)</c>; a test compares <see cref="Statements"/> with a budget.
/// </summary>
public sealed class DatabaseRoundTrips : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConcurrentQueue<string> _statements = new();

    /// <summary>What was sent since the last <see cref="Clear"/>: the first words of each command, or BEGIN / SAVEPOINT / COMMIT / ROLLBACK.</summary>
    public IReadOnlyList<string> Statements => [.. _statements];

    public void Clear() => _statements.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue("BEGIN");
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue("SAVEPOINT");
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue("COMMIT");
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue("ROLLBACK");
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        var words = text.Split((char[])[' ', '\n', '\r', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        _statements.Enqueue(string.Join(' ', words.Take(2)));
    }
}
