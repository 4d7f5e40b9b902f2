using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Orders.Persistence;
using Payments.Persistence.Tests.Sagas;
using Payments.Testing;

namespace Payments.Persistence.Tests.Postgres;

/// <summary>
/// Replicas of a service start together against a new database (a deployment with two or more replicas, or the
/// cluster tests): each applies the migrations at start, and all of them must come up, with each migration applied
/// once. Without the lock, two applied the same migration at once and one crashed on the history table's key.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class ConcurrentMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Four_replicas_starting_at_once_on_a_new_database_all_start_and_each_migration_is_applied_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("migrate-race");
        var hosts = Enumerable.Range(0, 4).Select(_ => Build(connectionString)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(host => host.StartAsync()));

            await using var scope = hosts[0].Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }

    private static IHost Build(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Orders"] = connectionString,
        });
        builder.AddServiceDatabase<OrdersDbContext, OrdersPostgresDbContext, OrdersSqlServerDbContext>(OrdersDbContext.Store);
        return builder.Build();
    }
}
