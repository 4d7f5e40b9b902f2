using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Persistence;
using Payments.Orders.Persistence;
using Payments.Orders.Saga;
using Payments.Persistence;
using Payments.Persistence.Sagas;

namespace Payments.UnitTests.Schema;

/// <summary>
/// SQL Server cannot run on this machine, so its side is proven by what can be checked without a server: the
/// model builds on the SQL Server provider, the committed migration scripts are exactly what the migrations
/// generate, and the saga repository locks an order row the way docs/architecture.md#persistence says.
/// </summary>
public class SqlServerSchemaTests
{
    private const string NoServer = "Server=127.0.0.1,1;Database=none;Connect Timeout=1";

    [Fact]
    public void The_orders_saga_lock_on_SQL_Server_takes_an_update_lock_on_one_row()
    {
        using var db = Context<OrdersSqlServerDbContext>();

        Assert.Equal(
            "SELECT * FROM [OrderSagas] WITH (UPDLOCK, ROWLOCK) WHERE [CorrelationId] = @p0",
            SagaLockStatement.For<OrderState>(DatabaseProvider.SqlServer, db));
    }

    [Fact]
    public void The_SQL_Server_model_maps_the_order_saga_with_its_natural_key_unique()
    {
        using var db = Context<OrdersSqlServerDbContext>();
        var order = db.Model.FindEntityType(typeof(OrderState))!;

        Assert.Equal("OrderSagas", order.GetTableName());
        Assert.Equal([nameof(OrderState.CorrelationId)], order.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Contains(order.GetIndexes(), index => index.IsUnique && index.Properties.Count == 4);
        Assert.Equal("nvarchar(max)", order.FindProperty(nameof(OrderState.Timeline))!.GetColumnType());
    }

    [Theory]
    [InlineData("orders.sqlserver.sql")]
    [InlineData("entitlements.sqlserver.sql")]
    [InlineData("orders.postgres.sql")]
    [InlineData("entitlements.postgres.sql")]
    public void The_committed_migration_script_is_what_the_migrations_generate(string file)
    {
        using DbContext db = file switch
        {
            "orders.sqlserver.sql" => Context<OrdersSqlServerDbContext>(),
            "entitlements.sqlserver.sql" => Context<EntitlementsSqlServerDbContext>(),
            "orders.postgres.sql" => Context<OrdersPostgresDbContext>(DatabaseProvider.Postgres),
            _ => Context<EntitlementsPostgresDbContext>(DatabaseProvider.Postgres),
        };
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "sql", file));

        Assert.True(
            Normalize(committed) == Normalize(generated),
            $"deploy/sql/{file} is stale: regenerate it as README.md (Schema and migrations) says.");
    }

    [Fact]
    public void The_SQL_Server_migrations_create_every_table_of_the_model()
    {
        using var orders = Context<OrdersSqlServerDbContext>();
        using var entitlements = Context<EntitlementsSqlServerDbContext>();

        Assert.NotEmpty(orders.Database.GetMigrations());
        Assert.NotEmpty(entitlements.Database.GetMigrations());
        var script = entitlements.GetService<IMigrator>().GenerateScript();
        foreach (var table in new[] { "[LedgerOrders]", "[Grants]", "[KnownUsers]" })
        {
            Assert.Contains($"CREATE TABLE {table}", script, StringComparison.Ordinal);
        }
    }

    private static T Context<T>(DatabaseProvider provider = DatabaseProvider.SqlServer)
        where T : DbContext
    {
        var store = typeof(T).Name.StartsWith("Orders", StringComparison.Ordinal) ? OrdersDbContext.Store : EntitlementsDbContext.Store;
        var options = store.Configure(new DbContextOptionsBuilder<T>(), provider, provider == DatabaseProvider.SqlServer ? NoServer : "Host=127.0.0.1;Port=1").Options;
        return (T)Activator.CreateInstance(typeof(T), options)!;
    }

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' ');

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Payments.Microservices.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository.");
    }
}
