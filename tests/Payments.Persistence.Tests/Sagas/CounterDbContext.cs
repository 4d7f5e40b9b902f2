using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Owns the saga's mapping, as a service's DbContext would: its own schema, table and key column names, so the
/// repository can only work if it takes them from the model.
/// </summary>
public sealed class CounterDbContext(DbContextOptions<CounterDbContext> options) : DbContext(options)
{
    public const string Schema = "counting";
    public const string Table = "counter_sagas";
    public const string KeyColumn = "counter_id";

    public DbSet<CounterState> Counters => Set<CounterState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CounterState>(entity =>
        {
            entity.ToTable(Table, Schema);
            entity.HasKey(saga => saga.CorrelationId);
            entity.Property(saga => saga.CorrelationId).HasColumnName(KeyColumn).ValueGeneratedNever();
            entity.Property(saga => saga.CurrentState).HasColumnName("state").HasMaxLength(64);
            entity.Property(saga => saga.Name).HasColumnName("name").HasMaxLength(100);
            entity.HasIndex(saga => saga.Name).IsUnique();
            entity.Property(saga => saga.Counter).HasColumnName("counter");
            entity.Property(saga => saga.Applied).HasColumnName("applied");
            entity.Ignore(saga => saga.AppliedSequences);
        });
    }
}
