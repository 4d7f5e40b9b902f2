using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Users;
using Payments.Persistence;

namespace Payments.Entitlements.Persistence;

/// <summary>The grant ledger and known users. PostgreSQL and SQL Server use the subclasses that own their migrations.</summary>
public class EntitlementsDbContext : DbContext
{
    public static readonly ServiceDatabase Store = new("Entitlements");

    public EntitlementsDbContext(DbContextOptions<EntitlementsDbContext> options)
        : base(options)
    {
    }

    protected EntitlementsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<LedgerOrder> Orders => Set<LedgerOrder>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<KnownUser> Users => Set<KnownUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerOrder>(order =>
        {
            order.ToTable("LedgerOrders");
            order.HasKey(o => o.OrderId);
            order.Property(o => o.OrderId).ValueGeneratedNever();
            order.Property(o => o.UserId).HasMaxLength(FieldLimits.UserId);
            order.Property(o => o.Provider).HasMaxLength(32);
            order.Property(o => o.Account).HasMaxLength(FieldLimits.Account);
            order.Property(o => o.Environment).HasMaxLength(16);
            order.Property(o => o.RevokeReason).HasMaxLength(64);
        });
        modelBuilder.Entity<Grant>(grant =>
        {
            grant.ToTable("Grants");
            grant.HasKey(g => new { g.OrderId, g.Sku });
            grant.Property(g => g.Sku).HasMaxLength(FieldLimits.Sku);
            grant.Property(g => g.UserId).HasMaxLength(FieldLimits.UserId);
            grant.Property(g => g.Provider).HasMaxLength(32);
            grant.Property(g => g.Account).HasMaxLength(FieldLimits.Account);
            grant.Property(g => g.Environment).HasMaxLength(16);
            grant.Property(g => g.RevokeReason).HasMaxLength(64);
            grant.Ignore(g => g.IsActive);
            grant.HasIndex(g => new { g.UserId, g.Environment });
        });
        modelBuilder.Entity<KnownUser>(user =>
        {
            user.ToTable("KnownUsers");
            user.HasKey(u => u.UserId);
            user.Property(u => u.UserId).HasMaxLength(FieldLimits.UserId);
            user.Property(u => u.Source).HasMaxLength(16);
        });
    }
}
