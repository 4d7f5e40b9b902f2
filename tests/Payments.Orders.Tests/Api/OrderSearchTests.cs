using Payments.Testing;

namespace Payments.Orders.Tests.Api;

/// <summary>The order search on SQLite (the embedded default).</summary>
public sealed class OrderSearchSqliteTests : OrderSearchScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-orders-search-").FullName;

    protected override Task<OrdersApiHost> StartAsync() => OrdersApiHost.StartOnSqliteAsync(_folder);

    /// <summary>
    /// Files written before the search existed hold UpdatedAt as Microsoft.Data.Sqlite writes a DateTimeOffset; the
    /// sortable mapping writes exactly that text (for UTC), so old and new rows compare and order alike.
    /// </summary>
    [Fact]
    public async Task UpdatedAt_Should_be_stored_as_the_text_SQLite_held_before()
    {
        var at = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero).AddTicks(4_900_000);
        await Host.AddAsync(Order("text-1", at));

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "orders.db")}");
        await connection.OpenAsync();
        await using var stored = connection.CreateCommand();
        stored.CommandText = "SELECT \"UpdatedAt\" FROM \"OrderSagas\" WHERE \"ProviderOrderId\" = 'text-1'";
        await using var bound = connection.CreateCommand();
        bound.CommandText = "SELECT @at";
        bound.Parameters.AddWithValue("@at", at);

        Assert.Equal("2026-12-08 10:00:00.49+00:00", (string?)await stored.ExecuteScalarAsync());
        Assert.Equal((string?)await bound.ExecuteScalarAsync(), (string?)await stored.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The order search on PostgreSQL, the schema made by the Orders migrations (the new indexes included).</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class OrderSearchPostgresTests(PostgresFixture postgres) : OrderSearchScenarios
{
    protected override async Task<OrdersApiHost> StartAsync() =>
        await OrdersApiHost.StartAsync("Postgres", await postgres.Server.CreateDatabaseAsync("orders"));
}

/// <summary>The tests that need PostgreSQL share one server (<see cref="PostgresFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
