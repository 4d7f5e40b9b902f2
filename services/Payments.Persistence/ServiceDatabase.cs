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
            DatabaseProvider.Postgres => db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable)),
            DatabaseProvider.SqlServer => db.UseSqlServer(connectionString, sql => sql.MigrationsHistoryTable(HistoryTable).EnableRetryOnFailure()),
            _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not one of Sqlite, Postgres, SqlServer."),
        };
}
