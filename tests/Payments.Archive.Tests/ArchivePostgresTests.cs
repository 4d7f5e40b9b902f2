using Payments.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Payments.Archive.Persistence;
using Payments.Archive.Tests.Support;

namespace Payments.Archive.Tests;

/// <summary>The archive on PostgreSQL, migrated by its own migrations: the unique MessageId holds under concurrent deliveries.</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class ArchivePostgresTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ArchiveTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveTestHost.StartAsync("Postgres", await postgres.Server.CreateDatabaseAsync("archive"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task When_one_notification_is_delivered_20_times_at_once_Should_archive_it_once()
    {
        var messageId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.PublishAsync(ProviderMessages.XsollaPayment("555"), messageId)));
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 20, "20 downstream deliveries");
        await _host.WaitArchivedAsync(messageId);
        await Task.Delay(500);

        Assert.Single(await _host.RowsAsync(messageId));
        Assert.Equal(["20261121131454_Initial", "20261208004947_InvoiceIndexAndCounts"], await _host.QueryAsync(db => Task.FromResult(db.Database.GetAppliedMigrations().ToList())));
    }

    [Fact]
    public async Task The_counts_migration_Should_give_rows_archived_before_it_their_received_hour()
    {
        var options = (DbContextOptions<ArchivePostgresDbContext>)Payments.Archive.Persistence.ArchiveDbContext.Store
            .Configure(new DbContextOptionsBuilder<ArchivePostgresDbContext>(), Payments.Persistence.DatabaseProvider.Postgres, await postgres.Server.CreateDatabaseAsync("archive-old"))
            .Options;
        await using var db = new ArchivePostgresDbContext(options);
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync("20261121131454_Initial");
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "ArchivedNotifications" ("MessageId", "Provider", "Account", "Environment", "MessageType", "ReceivedAt", "ArchivedAt", "Message")
            VALUES ('5b8d7a4e-3c1f-4a57-9a3e-2f0d6c1b8e90', 'rustore', 'game', 'production', 'RuStoreInvoiceStatusReceived',
                    '2026-12-07T13:59:59.9+00:00', '2026-12-07T14:00:01+00:00', '{{}}')
            """);

        await migrator.MigrateAsync();

        var row = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal(HourCounts.HourOf(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero)), row.ReceivedHour);
    }

    [Fact]
    public async Task Times_are_kept_in_UTC_and_replay_works_on_PostgreSQL()
    {
        var messageId = Guid.NewGuid();
        await _host.PublishAsync(ProviderMessages.RuStore("pg-1"), messageId);
        var row = await _host.WaitArchivedAsync(messageId);

        Assert.Equal(TimeSpan.Zero, row.ReceivedAt.Offset);
        Assert.Equal(202, (await _host.PostAsync($"/archive/messages/{messageId}/replay")).Status);
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 2, "the replayed delivery");
        Assert.Single(await _host.RowsAsync(messageId));
    }
}
