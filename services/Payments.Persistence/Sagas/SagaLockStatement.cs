using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Builds the statement that takes the row lock on one saga instance inside the saga repository's transaction.
/// The key value is bound as the parameter <c>@p0</c>.
/// </summary>
public static class SagaLockStatement
{
    /// <summary>The name of the single parameter every statement expects (the saga's correlation id).</summary>
    public const string KeyParameterName = "p0";

    /// <summary>
    /// The lock statement for one provider. PostgreSQL: <c>SELECT … FOR UPDATE</c>; SQL Server:
    /// <c>WITH (UPDLOCK, ROWLOCK)</c>; SQLite has no row locks, so its statement is a plain select (the
    /// repository serializes SQLite writes instead and does not run it).
    /// </summary>
    public static string For(DatabaseProvider provider, string? schema, string table, string keyColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyColumn);

        return provider switch
        {
            DatabaseProvider.Postgres =>
                $"SELECT * FROM {QualifiedPostgres(schema, table)} WHERE {QuotePostgres(keyColumn)} = @{KeyParameterName} FOR UPDATE",
            DatabaseProvider.SqlServer =>
                $"SELECT * FROM {QualifiedSqlServer(schema, table)} WITH (UPDLOCK, ROWLOCK) WHERE {QuoteSqlServer(keyColumn)} = @{KeyParameterName}",
            // SQLite has no schemas (EF ignores a configured one) and no row locks.
            DatabaseProvider.Sqlite =>
                $"SELECT * FROM {QuotePostgres(table)} WHERE {QuotePostgres(keyColumn)} = @{KeyParameterName}",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>
    /// The lock statement for <typeparamref name="TSaga"/> with the table, schema and key column taken from
    /// <paramref name="model"/> (whatever <c>ToTable</c> / <c>HasColumnName</c> / default schema the owner configured).
    /// </summary>
    public static string For<TSaga>(DatabaseProvider provider, IModel model)
        where TSaga : class, ISaga
    {
        var table = SagaTable.Resolve<TSaga>(model);
        return For(provider, table.Schema, table.Name, table.KeyColumn);
    }

    /// <summary>The lock statement for <typeparamref name="TSaga"/> as mapped by <paramref name="db"/>.</summary>
    public static string For<TSaga>(DatabaseProvider provider, DbContext db)
        where TSaga : class, ISaga
    {
        ArgumentNullException.ThrowIfNull(db);
        return For<TSaga>(provider, db.Model);
    }

    private static string QualifiedPostgres(string? schema, string table) =>
        string.IsNullOrEmpty(schema) ? QuotePostgres(table) : $"{QuotePostgres(schema)}.{QuotePostgres(table)}";

    private static string QualifiedSqlServer(string? schema, string table) =>
        string.IsNullOrEmpty(schema) ? QuoteSqlServer(table) : $"{QuoteSqlServer(schema)}.{QuoteSqlServer(table)}";

    private static string QuotePostgres(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string QuoteSqlServer(string identifier) => "[" + identifier.Replace("]", "]]") + "]";
}
