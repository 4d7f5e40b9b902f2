using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Payments.Archive.Persistence;
using Payments.Persistence;
using Payments.Testing;

namespace Payments.Archive.Tests;

/// <summary>The archive's schema: append-only in code, unique MessageId in the database, migration scripts up to date.</summary>
public sealed class ArchiveSchemaTests
{
    [Fact]
    public async Task An_archived_row_can_be_neither_changed_nor_deleted()
    {
        var folder = Directory.CreateTempSubdirectory("payments-archive-").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<ArchiveDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "a.db")}").Options;
            await using var db = new ArchiveDbContext(options);
            await db.Database.EnsureCreatedAsync();
            var row = new ArchivedNotification
            {
                MessageId = Guid.NewGuid(), Provider = "rustore", Account = "game", Environment = "production", MessageType = "RuStoreInvoiceStatusReceived",
                ReceivedAt = DateTimeOffset.UtcNow, ArchivedAt = DateTimeOffset.UtcNow, Message = "{}",
            };
            db.Notifications.Add(row);
            await db.SaveChangesAsync();

            row.Message = """{"forged":true}""";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);

            db.ChangeTracker.Clear();
            db.Notifications.Remove(await db.Notifications.SingleAsync());
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

            db.ChangeTracker.Clear();
            db.Notifications.Add(new ArchivedNotification
            {
                MessageId = row.MessageId, Provider = "rustore", Account = "game", Environment = "production", MessageType = "x",
                ReceivedAt = DateTimeOffset.UtcNow, ArchivedAt = DateTimeOffset.UtcNow, Message = "{}",
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("archive.postgres.sql")]
    [InlineData("archive.sqlserver.sql")]
    public void The_committed_migration_script_is_what_the_migrations_generate(string file)
    {
        using DbContext db = file.Contains("postgres", StringComparison.Ordinal)
            ? new ArchivePostgresDbContext((DbContextOptions<ArchivePostgresDbContext>)ArchiveDbContext.Store
                .Configure(new DbContextOptionsBuilder<ArchivePostgresDbContext>(), DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1").Options)
            : new ArchiveSqlServerDbContext((DbContextOptions<ArchiveSqlServerDbContext>)ArchiveDbContext.Store
                .Configure(new DbContextOptionsBuilder<ArchiveSqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=none;Connect Timeout=1").Options);
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var committed = File.ReadAllText(Path.Combine(ServiceProcess.FindRepositoryRoot(), "deploy", "sql", file));

        Assert.True(
            Normalize(committed) == Normalize(generated),
            $"deploy/sql/{file} is stale: regenerate it with dotnet ef migrations script --idempotent (README.md, Persistence).");
    }

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' ');
}
