using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence;

/// <summary>
/// A service's database. The service has one DbContext type for its model plus one subclass per migrating
/// provider, because EF Core keeps one migration history per context type and PostgreSQL and SQL Server need
/// their own migrations; SQLite (the embedded default) uses the base context and creates the schema from the model.
/// </summary>
/// <param name="ConnectionName">The key under <c>ConnectionStrings</c>, e.g. <c>Orders</c>.</param>
public sealed record ServiceDatabase(string ConnectionName)
{
    /// <summary>Each service's migration history in a table of its own, so services may share a database.</summary>
    public string HistoryTable => $"__{ConnectionName}Migrations";

    /// <summary>Options exactly as the service uses them, also for design-time factories (so migrations match).</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => db.UseSqlite(connectionString),
            DatabaseProvider.Postgres => db.UseNpgsql(PostgresDefaults(connectionString), npgsql => npgsql.MigrationsHistoryTable(HistoryTable)),
            DatabaseProvider.SqlServer => db.UseSqlServer(connectionString, sql => sql.MigrationsHistoryTable(HistoryTable).EnableRetryOnFailure()),
            _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not one of Sqlite, Postgres, SqlServer."),
        };

    /// <summary>Statements per connection that Npgsql prepares on its own, unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Npgsql's automatic preparation, unless the connection string sets <c>Max Auto Prepare</c> itself (0 turns it
    /// off): a statement a service runs again and again (the saga's row lock, the ledger's batched save) is parsed and
    /// planned by PostgreSQL once per pooled connection instead of on every execution. Measured with ./bench.sh: the
    /// database's CPU per end-to-end order fell by about a fifth (README, "Figures").
    /// </summary>
    public static string PostgresDefaults(string connectionString)
    {
        // Npgsql's own builder knows every keyword (ContainsKey is always true); the plain one holds what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
