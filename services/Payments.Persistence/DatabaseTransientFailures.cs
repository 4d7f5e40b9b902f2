using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Payments.Persistence.Sagas;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Persistence;

/// <summary>
/// The database failures a later attempt can get past, beyond what the clients mark <c>IsTransient</c> themselves
/// (Npgsql does, for lost connections, deadlocks <c>40P01</c> and serialization failures <c>40001</c>; SqlClient and
/// SQLite do not): a lost saga insert race, a write that lost its race more often than its unit of work retries, a
/// concurrent update, EF Core's execution strategy running out of attempts, SQLite's busy and locked database, and
/// SQL Server's deadlock, timeout and failover error numbers, and PostgreSQL's "cached plan must not change result
/// type" (<c>0A000</c>): a statement Npgsql prepared automatically (<see cref="ServiceDatabase.PostgresDefaults"/>)
/// outlived a migration that changed its table; Npgsql forgets it, and the next attempt prepares it afresh.
/// </summary>
internal sealed class DatabaseTransientFailures : ITransientFailureClassifier
{
    /// <summary>
    /// 1205 deadlock victim, 1222 lock request time-out, -2 command timeout, connection loss (-1, 2, 53, 233, 10053,
    /// 10054, 10060, 64), and Azure SQL's busy and failover errors (4060, 40197, 40501, 40613, 49918, 49919, 49920).
    /// </summary>
    private static readonly HashSet<int> SqlServerTransientNumbers =
        [1205, 1222, -2, -1, 2, 53, 64, 233, 10053, 10054, 10060, 4060, 40197, 40501, 40613, 49918, 49919, 49920];

    public bool IsTransient(Exception exception) => exception switch
    {
        SagaInsertConflictException or ConcurrentWriteConflictException or DbUpdateConcurrencyException or RetryLimitExceededException => true,

        // SQLite (the embedded default) marks nothing transient: SQLITE_BUSY (5) and SQLITE_LOCKED (6) are a writer waiting for another.
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        PostgresException { SqlState: PostgresErrorCodes.FeatureNotSupported } postgres
            when postgres.MessageText.Contains("cached plan", StringComparison.OrdinalIgnoreCase) => true,
        SqlException sql => sql.Errors.Cast<SqlError>().Any(error => SqlServerTransientNumbers.Contains(error.Number)),
        _ => false,
    };
}
