using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Payments.Persistence;

namespace Payments.Archive.Storage;

/// <summary>The Archive schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class ArchivePostgresDbContext(DbContextOptions<ArchivePostgresDbContext> options) : ArchiveDbContext(options);

/// <summary>The Archive schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class ArchiveSqlServerDbContext(DbContextOptions<ArchiveSqlServerDbContext> options) : ArchiveDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context ArchivePostgresDbContext</c>; never connects.</summary>
internal sealed class ArchivePostgresDesignFactory : IDesignTimeDbContextFactory<ArchivePostgresDbContext>
{
    public ArchivePostgresDbContext CreateDbContext(string[] args) => new((DbContextOptions<ArchivePostgresDbContext>)ArchiveDbContext.Store
        .Configure(new DbContextOptionsBuilder<ArchivePostgresDbContext>(), DatabaseProvider.Postgres, "Host=design-time").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context ArchiveSqlServerDbContext</c>; never connects.</summary>
internal sealed class ArchiveSqlServerDesignFactory : IDesignTimeDbContextFactory<ArchiveSqlServerDbContext>
{
    public ArchiveSqlServerDbContext CreateDbContext(string[] args) => new((DbContextOptions<ArchiveSqlServerDbContext>)ArchiveDbContext.Store
        .Configure(new DbContextOptionsBuilder<ArchiveSqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=design-time").Options);
}
