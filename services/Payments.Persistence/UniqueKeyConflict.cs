using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Payments.Persistence;

/// <summary>
/// A write that lost a race on a primary key or unique index, on each supported provider: the saga repository,
/// the Entitlements ledger and user registry, and the notification archive all recognize it here.
/// </summary>
public static class UniqueKeyConflict
{
    // SQL Server: 2627 = PRIMARY KEY / UNIQUE constraint, 2601 = unique index.
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerUniqueIndex = 2601;

    // SQLite extended result codes: SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE.
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    /// <summary>True when <paramref name="exception"/> was caused by a primary-key or unique-index violation.</summary>
    public static bool Is(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqlException sqlServer => sqlServer.Number is SqlServerUniqueConstraint or SqlServerUniqueIndex,
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique,
            _ => false,
        };
    }
}
