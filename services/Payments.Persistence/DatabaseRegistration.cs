using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the configured provider — as <typeparamref name="TPostgres"/>
    /// or <typeparamref name="TSqlServer"/>, the subclasses that own each provider's migrations — with the
    /// connection string <c>ConnectionStrings:{name}</c>, its readiness check, and, unless turned off, schema at start.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TPostgres, TSqlServer>(this IHostApplicationBuilder builder, ServiceDatabase database)
        where TContext : DbContext
        where TPostgres : TContext
        where TSqlServer : TContext
    {
        var options = ReadOptions(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(database.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{database.ConnectionName} is not set. Give the {options.Provider} connection string of the {database.ConnectionName} " +
                $"database (environment variable ConnectionStrings__{database.ConnectionName}).");
        }

        builder.Services.AddSingleton(options);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransientFailureClassifier, DatabaseTransientFailures>());
        void Configure(DbContextOptionsBuilder db) => database.Configure(db, options.Provider, connectionString);
        _ = options.Provider switch
        {
            DatabaseProvider.Postgres => builder.Services.AddDbContext<TContext, TPostgres>(Configure),
            DatabaseProvider.SqlServer => builder.Services.AddDbContext<TContext, TSqlServer>(Configure),
            _ => builder.Services.AddDbContext<TContext>(Configure),
        };
        AddDatabaseSpans(builder.Services, options.Provider);
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck<TContext>>($"{database.ConnectionName.ToLowerInvariant()}-database", tags: [HealthEndpoints.ReadyTag]);
        if (options.ApplySchemaAtStart)
        {
            builder.Services.AddHostedService<SchemaInitializer<TContext>>();
        }

        return builder;
    }

    /// <summary>
    /// A span per command, from the database client's own instrumentation, in the trace of the message or request that
    /// ran it — when the host collects traces at all (<see cref="Payments.ServiceDefaults.Telemetry.TelemetryRegistration"/>).
    /// SQLite, the embedded default, has none (EF Core's instrumentation package is a beta). Once per host: a host with
    /// several databases (the standalone host has three) shares one provider and one client instrumentation.
    /// </summary>
    private static void AddDatabaseSpans(IServiceCollection services, DatabaseProvider provider)
    {
        if (services.Any(d => d.ServiceType == typeof(DatabaseSpansAdded)))
        {
            return;
        }

        services.AddSingleton<DatabaseSpansAdded>();
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                services.ConfigureOpenTelemetryTracerProvider(tracing => Npgsql.TracerProviderBuilderExtensions.AddNpgsql(tracing));
                break;
            case DatabaseProvider.SqlServer:
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSqlClientInstrumentation());
                break;
            default:
                break;
        }
    }

    /// <summary>Marks a service collection whose tracer already has the database client's instrumentation.</summary>
    private sealed class DatabaseSpansAdded;

    /// <summary>The provider's EF Core options without a service's migration settings (tests, tools).</summary>
    public static DbContextOptionsBuilder UseConfiguredProvider(this DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString) =>
        new ServiceDatabase("Default").Configure(db, provider, connectionString);

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
