using Payments.Testing;

namespace Payments.Orders.Tests.Api;

/// <summary>The order search on SQLite (the embedded default).</summary>
public sealed class OrderSearchSqliteTests : OrderSearchScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-orders-search-").FullName;

    protected override Task<OrdersApiHost> StartAsync() => OrdersApiHost.StartOnSqliteAsync(_folder);

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
