using Payments.Persistence;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Migrator;

/// <summary>
/// <c>Payments.Migrator</c> applies every service's migrations (PostgreSQL, SQL Server) or creates the schema
/// (SQLite) — the same rule as the services' schema-at-start — and exits: 0 when every database is up to date,
/// 1 when a migration failed, 2 when the configuration is incomplete. Failures are written to <c>stderr</c> as one
/// line that names the database.
/// <para>
/// <c>Payments.Migrator wait</c> never migrates: it waits until the databases whose connection strings are set have
/// no pending migration (a service's init container, while the migration Job runs), then exits 0.
/// </para>
/// </summary>
public static class MigratorApp
{
    public const int Succeeded = 0;
    public const int MigrationFailed = 1;
    public const int ConfigurationInvalid = 2;

    /// <summary>The first argument that selects waiting instead of migrating.</summary>
    public const string WaitCommand = "wait";

    private const string Name = "payments-migrator";

    /// <summary>How often <c>wait</c> looks again.</summary>
    public static TimeSpan WaitInterval { get; set; } = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var stopping = new CancellationTokenSource();
        // Kubernetes stops a Job's pod with SIGTERM; a migration then stops at its transaction boundary.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stopping.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            stopping.Cancel();
        });

        var wait = args.Length > 0 && string.Equals(args[0], WaitCommand, StringComparison.OrdinalIgnoreCase);
        IHost host;
        IReadOnlyList<MigrationTarget> targets;
        try
        {
            var builder = Host.CreateApplicationBuilder(wait ? args[1..] : args);
            ConfigureLogging(builder.Logging);
            targets = builder.AddMigrationTargets(requireAll: !wait);
            host = builder.Build();
        }
        catch (InvalidOperationException exception)
        {
            await error.WriteLineAsync($"{Name}: configuration error: {exception.Message}");
            return ConfigurationInvalid;
        }

        using (host)
        {
            return wait
                ? await WaitAsync(host.Services, targets, error, stopping.Token)
                : await MigrateAsync(host.Services, targets, error, stopping.Token);
        }
    }

    /// <summary>Returns 0 once no target has a pending migration (and each answers); never migrates.</summary>
    public static async Task<int> WaitAsync(IServiceProvider services, IReadOnlyList<MigrationTarget> targets, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(error);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigratorApp).Namespace!);
        var waiting = targets.ToList();
        try
        {
            while (true)
            {
                foreach (var target in waiting.ToList())
                {
                    var state = await PendingAsync(services, target, cancellationToken);
                    if (state is null)
                    {
                        waiting.Remove(target);
                        logger.LogInformation("{Database} database: the schema is up to date", target.Name);
                    }
                    else
                    {
                        logger.LogInformation("{Database} database: waiting for the migration Job ({State})", target.Name, state);
                    }
                }

                if (waiting.Count == 0)
                {
                    return Succeeded;
                }

                await Task.Delay(WaitInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{Name}: stopped while waiting for the schema of {string.Join(", ", waiting.Select(t => t.Name))}.");
            return MigrationFailed;
        }
    }

    /// <summary>Null when the schema is up to date, otherwise what is missing.</summary>
    private static async Task<string?> PendingAsync(IServiceProvider services, MigrationTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
            if (db.Database.IsRelational() && db.Database.GetMigrations().Any())
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                return pending.Count == 0 ? null : $"{pending.Count} pending migration(s): {string.Join(", ", pending)}";
            }

            return await db.Database.CanConnectAsync(cancellationToken) ? null : "the database does not answer";
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            return Describe(exception);
        }
    }

    /// <summary>Migrates each target in turn; stops at the first failure.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, IReadOnlyList<MigrationTarget> targets, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(error);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigratorApp).Namespace!);
        foreach (var target in targets)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
                if (db.Database.IsRelational() && db.Database.GetMigrations().Any())
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                    await SerializedMigration.MigrateAsync(db, target.ContextType, cancellationToken);
                    logger.LogInformation(
                        "{Database} database ({Provider}): {Count} migration(s) applied{Names}; the schema is up to date",
                        target.Name, db.Database.ProviderName, pending.Count, pending.Count == 0 ? string.Empty : ": " + string.Join(", ", pending));
                }
                else
                {
                    await db.Database.EnsureCreatedAsync(cancellationToken);
                    logger.LogInformation("{Database} database ({Provider}): schema ensured", target.Name, db.Database.ProviderName);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"{Name}: stopped while migrating the {target.Name} database; run it again.");
                return MigrationFailed;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                await error.WriteLineAsync($"{Name}: migrating the {target.Name} database failed: {Describe(exception)}");
                return MigrationFailed;
            }
        }

        return Succeeded;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        // EF Core logs every statement at Information; the runner reports per database instead.
        logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore.Infrastructure", LogLevel.Warning);
        // Connection failures are reported once, by the runner, with the database they belong to.
        logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Critical);
    }

    /// <summary>The exception chain's messages (e.g. a retry strategy's wrapper and the connection error inside).</summary>
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null && parts.Count < 4; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" <- ", parts);
    }
}
