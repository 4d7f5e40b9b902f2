using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Persistence;

/// <summary>
/// Brings a service's schema up to date before the bus starts consuming: migrations where the context has them
/// (PostgreSQL, SQL Server), otherwise the model as it is (SQLite). Replicas that start together migrate one after
/// the other (<see cref="SerializedMigration"/>).
/// </summary>
internal sealed class SchemaInitializer<TContext>(IServiceScopeFactory scopes, ILogger<SchemaInitializer<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsRelational() && db.Database.GetMigrations().Any())
        {
            await SerializedMigration.MigrateAsync(db, typeof(TContext), cancellationToken);
            logger.LogInformation("Schema of {Context} migrated", typeof(TContext).Name);
        }
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            logger.LogInformation("Schema of {Context} ensured", typeof(TContext).Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
