using Microsoft.EntityFrameworkCore;
using Payments.Persistence;

namespace Payments.Archive.Persistence;

/// <summary>The archive. PostgreSQL and SQL Server use the subclasses that own their migrations.</summary>
public class ArchiveDbContext : DbContext
{
    public static readonly ServiceDatabase Store = new("Archive");

    public ArchiveDbContext(DbContextOptions<ArchiveDbContext> options)
        : base(options)
    {
    }

    protected ArchiveDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ArchivedNotification> Notifications => Set<ArchivedNotification>();

    public DbSet<RefusalSummary> RefusalSummaries => Set<RefusalSummary>();

    /// <summary>Append-only: a change or a deletion of an archived row is a bug, and is refused before it reaches the database.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RefusalSummary>(summary =>
        {
            summary.ToTable("RefusalSummaries");
            summary.HasKey(s => s.Id);
            summary.Property(s => s.Id).ValueGeneratedOnAdd();
            summary.HasIndex(s => s.MessageId).IsUnique();
            summary.Property(s => s.Provider).HasMaxLength(32);
            summary.Property(s => s.Account).HasMaxLength(64);
            summary.Property(s => s.Reason).HasMaxLength(64);
            summary.HasIndex(s => new { s.Hour, s.Provider });
        });
        modelBuilder.Entity<ArchivedNotification>(notification =>
        {
            notification.ToTable("ArchivedNotifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Id).ValueGeneratedOnAdd();
            notification.HasIndex(n => n.MessageId).IsUnique();
            notification.Property(n => n.Provider).HasMaxLength(32);
            notification.Property(n => n.Account).HasMaxLength(64);
            notification.Property(n => n.Environment).HasMaxLength(16);
            notification.Property(n => n.MessageType).HasMaxLength(128);
            notification.Property(n => n.ProviderOrderId).HasMaxLength(256);
            notification.Property(n => n.InvoiceId).HasMaxLength(256);
            notification.HasIndex(n => new { n.Provider, n.Account, n.ProviderOrderId });
            notification.HasIndex(n => new { n.Provider, n.InvoiceId });
            notification.HasIndex(n => new { n.ReceivedHour, n.Provider });
        });
    }

    private void RefuseRewrites()
    {
        var rewritten = ChangeTracker.Entries<ArchivedNotification>()
            .FirstOrDefault(entry => entry.State is EntityState.Modified or EntityState.Deleted);
        if (rewritten is not null)
        {
            throw new InvalidOperationException(
                $"The notification archive is append-only: archived message {rewritten.Entity.MessageId} cannot be {rewritten.State.ToString().ToLowerInvariant()}.");
        }
    }
}
