using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Payments.Notifier.Persistence;
using Payments.Persistence;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>The committed SQL scripts (deploy/sql) are what the Notifier's migrations generate.</summary>
public sealed class NotifierSchemaTests
{
    [Theory]
    [InlineData("notifier.postgres.sql")]
    [InlineData("notifier.sqlserver.sql")]
    public void The_committed_migration_script_is_what_the_migrations_generate(string file)
    {
        using DbContext db = file.Contains("postgres", StringComparison.Ordinal)
            ? new NotifierPostgresDbContext((DbContextOptions<NotifierPostgresDbContext>)NotifierDbContext.Store
                .Configure(new DbContextOptionsBuilder<NotifierPostgresDbContext>(), DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1").Options)
            : new NotifierSqlServerDbContext((DbContextOptions<NotifierSqlServerDbContext>)NotifierDbContext.Store
                .Configure(new DbContextOptionsBuilder<NotifierSqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=none;Connect Timeout=1").Options);
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var committed = File.ReadAllText(Path.Combine(ServiceProcess.FindRepositoryRoot(), "deploy", "sql", file));

        Assert.True(
            Normalize(committed) == Normalize(generated),
            $"deploy/sql/{file} is stale: regenerate it with dotnet ef migrations script --idempotent (docs/extending.md).");
    }

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' ');
}
