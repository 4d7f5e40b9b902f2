using Microsoft.EntityFrameworkCore;
using Payments.Persistence;

namespace Payments.Entitlements.Persistence;

/// <summary>The Entitlements schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class EntitlementsPostgresDbContext(DbContextOptions<EntitlementsPostgresDbContext> options) : EntitlementsDbContext(options);

/// <summary>The Entitlements schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class EntitlementsSqlServerDbContext(DbContextOptions<EntitlementsSqlServerDbContext> options) : EntitlementsDbContext(options);

internal sealed class EntitlementsPostgresDesignFactory()
    : DesignTimeDbContextFactory<EntitlementsPostgresDbContext>(EntitlementsDbContext.Store, DatabaseProvider.Postgres, options => new(options));

internal sealed class EntitlementsSqlServerDesignFactory()
    : DesignTimeDbContextFactory<EntitlementsSqlServerDbContext>(EntitlementsDbContext.Store, DatabaseProvider.SqlServer, options => new(options));
