using System.Diagnostics;
using Npgsql;
using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.InfrastructureTests;

[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class PostgresServerTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    private PostgresServer Postgres => infrastructure.Postgres;

    [Fact]
    public async Task A_created_database_is_empty_unique_and_answers_select_1()
    {
        var first = await Postgres.CreateDatabaseAsync("Orders Tests");
        var second = await Postgres.CreateDatabaseAsync();

        var firstName = new NpgsqlConnectionStringBuilder(first).Database;
        var secondName = new NpgsqlConnectionStringBuilder(second).Database;
        Assert.NotEqual(firstName, secondName);
        Assert.StartsWith("orders_tests_", firstName, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        Assert.Equal(1, await Scalar<int>(connection, "select 1"));
        Assert.Equal(firstName, await Scalar<string>(connection, "select current_database()"));
        Assert.Equal(0L, await Scalar<long>(connection, "select count(*) from information_schema.tables where table_schema = 'public'"));
    }

    [Fact]
    public async Task A_private_server_listens_on_loopback_with_the_test_settings()
    {
        if (Postgres.IsExternal)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(Postgres.AdminConnectionString);
        await connection.OpenAsync();
        Assert.Equal("127.0.0.1", await Scalar<string>(connection, "show listen_addresses"));
        Assert.Equal("off", await Scalar<string>(connection, "show fsync"));
        Assert.Equal("off", await Scalar<string>(connection, "show synchronous_commit"));
        Assert.Equal("300", await Scalar<string>(connection, "show max_connections"));
        Assert.Equal(Postgres.Port.ToString(), await Scalar<string>(connection, "show port"));
    }

    [Fact]
    public async Task StopAsync_makes_connections_fail_and_StartAgainAsync_brings_back_the_same_data()
    {
        if (Postgres.IsExternal)
        {
            return; // An external server cannot be stopped by the tests.
        }

        var database = await Postgres.CreateDatabaseAsync("restart");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await Execute(connection, "create table marker(value text); insert into marker values ('kept')");
        }

        var stopwatch = Stopwatch.StartNew();
        await Postgres.StopAsync();
        output.WriteLine($"stopped in {stopwatch.Elapsed.TotalSeconds:F1} s");
        try
        {
            await using var down = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Timeout = 3, Pooling = false }.ConnectionString);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => down.OpenAsync());
        }
        finally
        {
            await Postgres.StartAgainAsync();
            output.WriteLine($"started again in {Postgres.StartupTime.TotalSeconds:F1} s");
        }

        await using var again = new NpgsqlConnection(database);
        await again.OpenAsync();
        Assert.Equal("kept", await Scalar<string>(again, "select value from marker"));
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
