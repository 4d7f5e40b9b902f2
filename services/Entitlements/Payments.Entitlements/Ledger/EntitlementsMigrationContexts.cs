using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Payments.Persistence;

namespace Payments.Entitlements.Ledger;

/// <summary>The Entitlements schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class EntitlementsPostgresDbContext(DbContextOptions<EntitlementsPostgresDbContext> options) : EntitlementsDbContext(options);

/// <summary>The Entitlements schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class EntitlementsSqlServerDbContext(DbContextOptions<EntitlementsSqlServerDbContext> options) : EntitlementsDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context EntitlementsPostgresDbContext</c>; never connects.</summary>
internal sealed class EntitlementsPostgresDesignFactory : IDesignTimeDbContextFactory<EntitlementsPostgresDbContext>
{
    public EntitlementsPostgresDbContext CreateDbContext(string[] args) => new((DbContextOptions<EntitlementsPostgresDbContext>)EntitlementsDbContext.Store
        .Configure(new DbContextOptionsBuilder<EntitlementsPostgresDbContext>(), DatabaseProvider.Postgres, "Host=design-time").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context EntitlementsSqlServerDbContext</c>; never connects.</summary>
internal sealed class EntitlementsSqlServerDesignFactory : IDesignTimeDbContextFactory<EntitlementsSqlServerDbContext>
{
    public EntitlementsSqlServerDbContext CreateDbContext(string[] args) => new((DbContextOptions<EntitlementsSqlServerDbContext>)EntitlementsDbContext.Store
        .Configure(new DbContextOptionsBuilder<EntitlementsSqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=design-time").Options);
}
