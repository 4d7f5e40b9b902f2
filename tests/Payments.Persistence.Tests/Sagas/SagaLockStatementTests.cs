using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Sagas;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>The lock statements, derived from a model that names its own schema, table and key column.</summary>
public sealed class SagaLockStatementTests
{
    [Fact]
    public void Sql_server_statement_takes_an_update_row_lock_on_the_mapped_table()
    {
        using var db = LockModelContext.Create(DatabaseProvider.SqlServer);

        var sql = SagaLockStatement.For<LockedSaga>(DatabaseProvider.SqlServer, db);

        Assert.Equal("SELECT * FROM [billing].[order_sagas] WITH (UPDLOCK, ROWLOCK) WHERE [order_id] = @p0", sql);
        Assert.Contains("WITH (UPDLOCK, ROWLOCK)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_statement_selects_the_mapped_row_for_update()
    {
        using var db = LockModelContext.Create(DatabaseProvider.Postgres);

        var sql = SagaLockStatement.For<LockedSaga>(DatabaseProvider.Postgres, db);

        Assert.Equal("SELECT * FROM \"billing\".\"order_sagas\" WHERE \"order_id\" = @p0 FOR UPDATE", sql);
        Assert.EndsWith("FOR UPDATE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_statement_is_a_plain_select_of_the_mapped_table()
    {
        using var db = LockModelContext.Create(DatabaseProvider.Sqlite);

        var sql = SagaLockStatement.For<LockedSaga>(DatabaseProvider.Sqlite, db);

        Assert.Equal("SELECT * FROM \"order_sagas\" WHERE \"order_id\" = @p0", sql);
    }

    [Fact]
    public void A_model_default_schema_is_used_when_the_entity_names_none()
    {
        using var db = LockModelContext.Create(DatabaseProvider.Postgres, entitySchema: null, defaultSchema: "payments");

        Assert.Equal(
            "SELECT * FROM \"payments\".\"order_sagas\" WHERE \"order_id\" = @p0 FOR UPDATE",
            SagaLockStatement.For<LockedSaga>(DatabaseProvider.Postgres, db));
    }

    [Fact]
    public void Without_any_schema_the_table_is_not_qualified()
    {
        using var db = LockModelContext.Create(DatabaseProvider.SqlServer, entitySchema: null);

        Assert.Equal(
            "SELECT * FROM [order_sagas] WITH (UPDLOCK, ROWLOCK) WHERE [order_id] = @p0",
            SagaLockStatement.For<LockedSaga>(DatabaseProvider.SqlServer, db));
    }

    [Fact]
    public void Identifiers_are_quoted_with_embedded_quotes_escaped()
    {
        Assert.Equal(
            "SELECT * FROM [we]]ird].[t]]1] WITH (UPDLOCK, ROWLOCK) WHERE [k]]ey] = @p0",
            SagaLockStatement.For(DatabaseProvider.SqlServer, "we]ird", "t]1", "k]ey"));
        Assert.Equal(
            "SELECT * FROM \"we\"\"ird\".\"t1\" WHERE \"k\"\"ey\" = @p0 FOR UPDATE",
            SagaLockStatement.For(DatabaseProvider.Postgres, "we\"ird", "t1", "k\"ey"));
    }

    [Fact]
    public void A_saga_that_is_not_in_the_model_is_reported()
    {
        using var db = LockModelContext.Create(DatabaseProvider.Postgres);

        var error = Assert.Throws<InvalidOperationException>(() => SagaLockStatement.For<CounterState>(DatabaseProvider.Postgres, db));

        Assert.Contains(nameof(CounterState), error.Message, StringComparison.Ordinal);
    }

    public sealed class LockedSaga : ISaga
    {
        public Guid CorrelationId { get; set; }

        public string State { get; set; } = string.Empty;
    }

    /// <summary>A DbContext on each provider that is never connected: only its model is read.</summary>
    private sealed class LockModelContext(DbContextOptions options, string? entitySchema, string? defaultSchema) : DbContext(options)
    {
        public static LockModelContext Create(DatabaseProvider provider, string? entitySchema = "billing", string? defaultSchema = null)
        {
            var connectionString = provider switch
            {
                DatabaseProvider.SqlServer => "Server=127.0.0.1,1;Database=none;TrustServerCertificate=true",
                DatabaseProvider.Postgres => "Host=127.0.0.1;Port=1;Database=none",
                _ => "Data Source=:memory:",
            };
            var options = new DbContextOptionsBuilder<LockModelContext>()
                .UseConfiguredProvider(provider, connectionString)
                // Each schema variant is a different model; do not let EF reuse a cached one.
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PerInstanceModelCacheKeyFactory>()
                .Options;
            return new LockModelContext(options, entitySchema, defaultSchema);
        }

        public string CacheKey => $"{entitySchema}|{defaultSchema}";

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            if (defaultSchema is not null)
            {
                modelBuilder.HasDefaultSchema(defaultSchema);
            }

            modelBuilder.Entity<LockedSaga>(entity =>
            {
                entity.ToTable("order_sagas", entitySchema);
                entity.HasKey(saga => saga.CorrelationId);
                entity.Property(saga => saga.CorrelationId).HasColumnName("order_id");
            });
        }
    }

    private sealed class PerInstanceModelCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as LockModelContext)?.CacheKey, context.Database.ProviderName, designTime);
    }
}
