using Microsoft.EntityFrameworkCore;
using Payments.Persistence;

namespace Payments.Orders.Persistence;

/// <summary>The Orders schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class OrdersPostgresDbContext(DbContextOptions<OrdersPostgresDbContext> options) : OrdersDbContext(options);

/// <summary>The Orders schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class OrdersSqlServerDbContext(DbContextOptions<OrdersSqlServerDbContext> options) : OrdersDbContext(options);

internal sealed class OrdersPostgresDesignFactory()
    : DesignTimeDbContextFactory<OrdersPostgresDbContext>(OrdersDbContext.Store, DatabaseProvider.Postgres, options => new(options));

internal sealed class OrdersSqlServerDesignFactory()
    : DesignTimeDbContextFactory<OrdersSqlServerDbContext>(OrdersDbContext.Store, DatabaseProvider.SqlServer, options => new(options));
