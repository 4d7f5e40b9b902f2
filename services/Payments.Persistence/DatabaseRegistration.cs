using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.ServiceDefaults.Health;

namespace Payments.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the configured provider with the connection string
    /// <c>ConnectionStrings:{connectionName}</c>, its readiness check, and (unless turned off) schema at start.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var options = ReadOptions(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Give the {options.Provider} connection string of the {connectionName} database " +
                $"(environment variable ConnectionStrings__{connectionName}).");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddDbContext<TContext>(db => db.UseConfiguredProvider(options.Provider, connectionString));
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck<TContext>>($"{connectionName.ToLowerInvariant()}-database", tags: [HealthEndpoints.ReadyTag]);
        if (options.ApplySchemaAtStart)
        {
            builder.Services.AddHostedService<SchemaInitializer<TContext>>();
        }

        return builder;
    }

    public static DbContextOptionsBuilder UseConfiguredProvider(this DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => db.UseSqlite(connectionString),
            DatabaseProvider.Postgres => db.UseNpgsql(connectionString),
            DatabaseProvider.SqlServer => db.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()),
            _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not one of Sqlite, Postgres, SqlServer."),
        };

    private static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException("Database:Provider must be one of Sqlite, Postgres, SqlServer.", exception);
        }
    }
}
