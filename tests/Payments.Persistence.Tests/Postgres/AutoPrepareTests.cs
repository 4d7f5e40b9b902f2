using Microsoft.EntityFrameworkCore;
using Npgsql;
using Payments.Persistence.Tests.Sagas;
using Payments.Testing;

namespace Payments.Persistence.Tests.Postgres;

/// <summary>A service's PostgreSQL statements are prepared on the server once per connection, not parsed on every run.</summary>
public sealed class AutoPrepareDefaultsTests
{
    [Theory]
    [InlineData("Host=db;Database=orders")]
    [InlineData("Host=db;Database=orders;Auto Prepare Min Usages=3")]
    public void A_connection_string_without_its_own_setting_gets_automatic_preparation(string connectionString)
    {
        var effective = new NpgsqlConnectionStringBuilder(ServiceDatabase.PostgresDefaults(connectionString));

        Assert.Equal(ServiceDatabase.DefaultMaxAutoPrepare, effective.MaxAutoPrepare);
        Assert.Equal("db", effective.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=5", 5)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    public void An_operators_own_setting_stands(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ServiceDatabase.PostgresDefaults(connectionString)).MaxAutoPrepare);
}

[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class AutoPrepareTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_query_the_service_repeats_is_prepared_on_the_server()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("prepare");
        var options = new DbContextOptionsBuilder<CounterDbContext>();
        new ServiceDatabase("Counter").Configure(options, DatabaseProvider.Postgres, connectionString);
        await using var db = new CounterDbContext(options.Options);
        await db.Database.EnsureCreatedAsync();

        await db.Database.OpenConnectionAsync();
        var id = Guid.NewGuid();
        for (var run = 0; run < 6; run++) // Npgsql prepares a statement at its fifth use (Auto Prepare Min Usages)
        {
            _ = await db.Counters.Where(c => c.CorrelationId == id).ToListAsync();
        }

        // pg_prepared_statements lists the statements of this session (this connection) only.
        var prepared = await db.Database
            .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync();
        Assert.Contains(prepared, statement => statement.Contains(CounterDbContext.Table, StringComparison.Ordinal));
    }
}
