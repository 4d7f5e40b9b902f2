using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Payments.Persistence;

/// <summary>
/// What <c>dotnet ef migrations add … --context {Service}{Provider}DbContext</c> instantiates: the service's
/// migrating context configured exactly as the service configures it (<see cref="ServiceDatabase.Configure"/>), so
/// migrations match the running model. It never connects. A service declares one per migrating provider in one line.
/// </summary>
public abstract class DesignTimeDbContextFactory<TContext>(ServiceDatabase store, DatabaseProvider provider, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var placeholder = provider == DatabaseProvider.SqlServer ? "Server=design-time" : "Host=design-time";
        return create((DbContextOptions<TContext>)store.Configure(new DbContextOptionsBuilder<TContext>(), provider, placeholder).Options);
    }
}
