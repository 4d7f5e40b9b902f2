using Microsoft.EntityFrameworkCore;
using Payments.Persistence;

namespace Payments.Notifier.Persistence;

/// <summary>The Notifier schema on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class NotifierPostgresDbContext(DbContextOptions<NotifierPostgresDbContext> options) : NotifierDbContext(options);

/// <summary>The Notifier schema on SQL Server; migrations in Migrations/SqlServer.</summary>
public sealed class NotifierSqlServerDbContext(DbContextOptions<NotifierSqlServerDbContext> options) : NotifierDbContext(options);

internal sealed class NotifierPostgresDesignFactory()
    : DesignTimeDbContextFactory<NotifierPostgresDbContext>(NotifierDbContext.Store, DatabaseProvider.Postgres, options => new(options));

internal sealed class NotifierSqlServerDesignFactory()
    : DesignTimeDbContextFactory<NotifierSqlServerDbContext>(NotifierDbContext.Store, DatabaseProvider.SqlServer, options => new(options));
