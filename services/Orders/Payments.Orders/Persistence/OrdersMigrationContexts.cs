using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Payments.Persistence;

namespace Payments.Orders.Persistence;

/// <summary>The Orders schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class OrdersPostgresDbContext(DbContextOptions<OrdersPostgresDbContext> options) : OrdersDbContext(options);

/// <summary>The Orders schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class OrdersSqlServerDbContext(DbContextOptions<OrdersSqlServerDbContext> options) : OrdersDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context OrdersPostgresDbContext</c>; never connects.</summary>
internal sealed class OrdersPostgresDesignFactory : IDesignTimeDbContextFactory<OrdersPostgresDbContext>
{
    public OrdersPostgresDbContext CreateDbContext(string[] args) => new((DbContextOptions<OrdersPostgresDbContext>)OrdersDbContext.Store
        .Configure(new DbContextOptionsBuilder<OrdersPostgresDbContext>(), DatabaseProvider.Postgres, "Host=design-time").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context OrdersSqlServerDbContext</c>; never connects.</summary>
internal sealed class OrdersSqlServerDesignFactory : IDesignTimeDbContextFactory<OrdersSqlServerDbContext>
{
    public OrdersSqlServerDbContext CreateDbContext(string[] args) => new((DbContextOptions<OrdersSqlServerDbContext>)OrdersDbContext.Store
        .Configure(new DbContextOptionsBuilder<OrdersSqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=design-time").Options);
}
