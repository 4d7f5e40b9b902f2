using Microsoft.EntityFrameworkCore;
using Payments.Orders.Saga;

namespace Payments.Orders.Persistence;

public class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<OrderState> Orders => Set<OrderState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new OrderStateMap());
}
