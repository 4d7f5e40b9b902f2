using Microsoft.EntityFrameworkCore;
using Payments.Persistence;

namespace Payments.Notifier.Persistence;

/// <summary>Deliveries, their attempts and the endpoints' state. PostgreSQL and SQL Server use the subclasses that own their migrations.</summary>
public class NotifierDbContext : DbContext
{
    public static readonly ServiceDatabase Store = new("Notifier");

    public NotifierDbContext(DbContextOptions<NotifierDbContext> options)
        : base(options)
    {
    }

    protected NotifierDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();
    public DbSet<EndpointState> Endpoints => Set<EndpointState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("WebhookDeliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Id).ValueGeneratedOnAdd();
            delivery.Property(d => d.WebhookId).HasMaxLength(64);
            delivery.HasIndex(d => d.WebhookId).IsUnique();
            delivery.Property(d => d.Endpoint).HasMaxLength(64);
            delivery.HasIndex(d => new { d.EventId, d.Endpoint }).IsUnique();
            delivery.Property(d => d.EventType).HasMaxLength(64);
            delivery.Property(d => d.UserId).HasMaxLength(256);
            delivery.Property(d => d.Account).HasMaxLength(64);
            delivery.Property(d => d.Environment).HasMaxLength(16);
            delivery.Property(d => d.Status).HasMaxLength(16);
            delivery.Property(d => d.LastOutcome).HasMaxLength(16);
            delivery.Property(d => d.LeaseToken).IsConcurrencyToken();

            // The dispatcher asks per endpoint for its pending deliveries in due order; the API lists an endpoint's newest.
            delivery.HasIndex(d => new { d.Endpoint, d.Status, d.DueAt });
            delivery.HasIndex(d => new { d.Endpoint, d.Id });
            delivery.HasIndex(d => d.OrderId);
            delivery.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeliveryAttempt>(attempt =>
        {
            attempt.ToTable("DeliveryAttempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Id).ValueGeneratedOnAdd();
            attempt.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
            attempt.Property(a => a.Endpoint).HasMaxLength(64);
            attempt.HasIndex(a => new { a.Endpoint, a.Id });
            attempt.Property(a => a.Outcome).HasMaxLength(16);
            attempt.Property(a => a.Error).HasMaxLength(512);
        });
        modelBuilder.Entity<EndpointState>(endpoint =>
        {
            endpoint.ToTable("NotifierEndpoints");
            endpoint.HasKey(e => e.Name);
            endpoint.Property(e => e.Name).HasMaxLength(64);
            endpoint.Property(e => e.DisabledReason).HasMaxLength(256);
        });
    }
}
