using Microsoft.EntityFrameworkCore;
using Payments.Orders.Saga;
using Payments.Persistence;

namespace Payments.Orders.Persistence;

/// <summary>The order sagas. PostgreSQL and SQL Server use the subclasses that own their migrations.</summary>
public class OrdersDbContext : DbContext
{
    public static readonly ServiceDatabase Store = new("Orders");

    public OrdersDbContext(DbContextOptions<OrdersDbContext> options)
        : base(options)
    {
    }

    protected OrdersDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<OrderState> Orders => Set<OrderState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderStateMap());
        if (Database.IsSqlite())
        {
            modelBuilder.Entity<OrderState>().Property(o => o.UpdatedAt).HasSortableSqliteText();
        }
    }
}
