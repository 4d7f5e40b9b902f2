using Microsoft.EntityFrameworkCore;
using Payments.Persistence;

namespace Payments.Archive.Persistence;

/// <summary>The Archive schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class ArchivePostgresDbContext(DbContextOptions<ArchivePostgresDbContext> options) : ArchiveDbContext(options);

/// <summary>The Archive schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class ArchiveSqlServerDbContext(DbContextOptions<ArchiveSqlServerDbContext> options) : ArchiveDbContext(options);

internal sealed class ArchivePostgresDesignFactory()
    : DesignTimeDbContextFactory<ArchivePostgresDbContext>(ArchiveDbContext.Store, DatabaseProvider.Postgres, options => new(options));

internal sealed class ArchiveSqlServerDesignFactory()
    : DesignTimeDbContextFactory<ArchiveSqlServerDbContext>(ArchiveDbContext.Store, DatabaseProvider.SqlServer, options => new(options));
