using Npgsql;
using Payments.DeployTests.Support;
using Payments.Migrator;
using Payments.Testing;

namespace Payments.DeployTests;

/// <summary>The migration runner as the compose step, the Job and the init containers run it: a process, its exit code, its message.</summary>
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class MigratorTests(MigratorTests.Postgres postgres) : IClassFixture<MigratorTests.Postgres>
{
    private static readonly string Dll = ServiceProcess.HostDll(typeof(MigratorApp).Assembly.GetName().Name!);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [Fact]
    public async Task Without_connection_strings_it_exits_2_and_names_each()
    {
        var result = await RunAsync([], new Dictionary<string, string> { ["Database__Provider"] = "SqlServer" });

        Assert.Equal(MigratorApp.ConfigurationInvalid, result.ExitCode);
        Assert.Contains("ConnectionStrings__Orders", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Entitlements", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Archive", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Notifier", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_exits_2_and_names_the_setting()
    {
        var result = await RunAsync([], Settings("Oracle", "w", "x", "y", "z"));

        Assert.Equal(MigratorApp.ConfigurationInvalid, result.ExitCode);
        Assert.Contains("Database:Provider", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_exits_1_and_names_it()
    {
        const string nowhere = "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=3";
        var result = await RunAsync([], Settings("Postgres", nowhere, nowhere, nowhere, nowhere));

        Assert.Equal(MigratorApp.MigrationFailed, result.ExitCode);
        Assert.Contains("migrating the Orders database failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=p", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_migrates_every_service_database_idempotently_and_then_wait_returns()
    {
        var orders = await postgres.Server.CreateDatabaseAsync("migrator_orders");
        var entitlements = await postgres.Server.CreateDatabaseAsync("migrator_entitlements");
        var archive = await postgres.Server.CreateDatabaseAsync("migrator_archive");
        var notifier = await postgres.Server.CreateDatabaseAsync("migrator_notifier");
        var settings = Settings("Postgres", orders, entitlements, archive, notifier);

        var first = await RunAsync([], settings);
        Assert.True(first.ExitCode == MigratorApp.Succeeded, first.Output + first.Error);
        Assert.True(await CountAsync(orders, "__OrdersMigrations") > 0);
        Assert.True(await CountAsync(entitlements, "__EntitlementsMigrations") > 0);
        Assert.True(await CountAsync(archive, "__ArchiveMigrations") > 0);
        Assert.True(await CountAsync(notifier, "__NotifierMigrations") > 0);

        var again = await RunAsync([], settings);
        Assert.True(again.ExitCode == MigratorApp.Succeeded, again.Output + again.Error);
        Assert.Contains("0 migration(s) applied", again.Output, StringComparison.Ordinal);

        // An init container passes only its own service's connection string.
        var wait = await RunAsync([MigratorApp.WaitCommand], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Orders"] = orders,
        });
        Assert.True(wait.ExitCode == MigratorApp.Succeeded, wait.Output + wait.Error);
    }

    [Fact]
    public async Task Wait_keeps_waiting_while_a_migration_is_pending_and_never_migrates()
    {
        var entitlements = await postgres.Server.CreateDatabaseAsync("migrator_waiting");

        var result = await RunAsync([MigratorApp.WaitCommand], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Entitlements"] = entitlements,
        }, TimeSpan.FromSeconds(8));

        Assert.Equal(Tool.Stopped, result.ExitCode);
        Assert.Contains("Entitlements database: waiting for the migration Job", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, await CountTablesAsync(entitlements));
    }

    private static Dictionary<string, string> Settings(string provider, string orders, string entitlements, string archive, string notifier) => new()
    {
        ["Database__Provider"] = provider,
        ["ConnectionStrings__Orders"] = orders,
        ["ConnectionStrings__Entitlements"] = entitlements,
        ["ConnectionStrings__Archive"] = archive,
        ["ConnectionStrings__Notifier"] = notifier,
    };

    private static Task<Tool.Result> RunAsync(string[] arguments, Dictionary<string, string> environment, TimeSpan? stopAfter = null) =>
        Tool.RunAsync(Dotnet, [Dll, .. arguments], environment, stopAfter ?? TimeSpan.FromMinutes(2), stopAtTimeout: stopAfter is not null);

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A private PostgreSQL server for the class (or PAYMENTS_TEST_POSTGRES).</summary>
    public sealed class Postgres : IAsyncLifetime
    {
        private PostgresServer? _server;

        public PostgresServer Server => _server ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
