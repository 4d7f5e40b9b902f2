using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Payments.Contracts.Access;
using Payments.Migrator;
using Payments.Persistence;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.Security;

namespace Payments.DeployTests.Support;

/// <summary>
/// What a service did when it started in process with a deployment's settings. <see cref="RouteScopes"/>: each route
/// that needs a scope ("GET /orders/{...}"), with the scopes its authorization metadata names; <see cref="Auth"/>: the
/// API keys and JWT settings the host bound (null for a host without them).
/// </summary>
internal sealed record StartupReport(
    string Assembly,
    IReadOnlySet<string> ReadKeys,
    IReadOnlySet<string> EnumeratedSections,
    IReadOnlyList<string> Routes,
    bool HostsTelemetry,
    BusOptions? Bus,
    DatabaseOptions? Database,
    IReadOnlyDictionary<string, int> HealthAnswers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> RouteScopes,
    AuthOptions? Auth)
{
    /// <summary>Every scope some route of the service needs.</summary>
    public IReadOnlySet<string> RequiredScopes => RouteScopes.Values.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);

    /// <summary>The answer's status code, or 0 when it did not come within the test's patience.</summary>
    public const int NoAnswer = 0;
}

/// <summary>
/// Starts a service's real composition in process with exactly a deployment's settings, over a recording
/// configuration source: web hosts run their own Program.cs (WebApplicationFactory, TestServer, the bus's hosted
/// service left out so nothing dials the manifest's broker); the migration runner runs its registration.
/// Options bound from configuration are all resolved, so a bad value fails here as it would fail the start.
/// </summary>
internal static class ServiceStartup
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<StartupReport>>> Reports = new(StringComparer.Ordinal);
    /// <summary>Given to every web host, so a host that configures telemetry builds its tracer provider (nothing listens there).</summary>
    private const string OtlpEndpoint = "http://127.0.0.1:4317";

    /// <summary>How long a health route may take to answer: the readiness probes' timeoutSeconds in deploy/.</summary>
    public static readonly TimeSpan HealthPatience = TimeSpan.FromSeconds(5);

    /// <summary>The paths <see cref="HealthEndpoints.MapDefaultEndpoints"/> maps, read from a bare app's route table.</summary>
    public static IReadOnlyList<string> HealthRoutes { get; } = ReadHealthRoutes();

    public static Task<StartupReport> StartAsync(ProjectFile host, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments)
    {
        var key = host.AssemblyName + "\n" + string.Join('\n', arguments) + "\n" +
            string.Join('\n', settings.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Key + "=" + p.Value));
        return Reports.GetOrAdd(key, _ => new Lazy<Task<StartupReport>>(() => RunAsync(host, settings, arguments))).Value;
    }

    private static async Task<StartupReport> RunAsync(ProjectFile host, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments)
    {
        var session = new RecordingSession(settings);
        try
        {
            if (host.IsWeb)
            {
                var entryPoint = Assembly.Load(host.AssemblyName).EntryPoint?.DeclaringType
                    ?? throw new InvalidOperationException($"{host.AssemblyName} has no entry point.");
                var run = typeof(ServiceStartup).GetMethod(nameof(StartWebAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(entryPoint);
                return await (Task<StartupReport>)run.Invoke(null, [host.AssemblyName, session])!;
            }

            if (host.AssemblyName == typeof(MigratorApp).Assembly.GetName().Name)
            {
                return StartMigrator(host.AssemblyName, session, arguments);
            }

            throw new InvalidOperationException($"No in-process start is known for {host.AssemblyName}.");
        }
        finally
        {
            session.Close();
        }
    }

    private static async Task<StartupReport> StartWebAsync<TEntryPoint>(string assembly, RecordingSession session)
        where TEntryPoint : class
    {
        IReadOnlyList<ServiceDescriptor> registrations = [];
        await using var root = new WebApplicationFactory<TEntryPoint>();
        await using var factory = root.WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.UseSetting(WebHostDefaults.HostingStartupAssembliesKey, typeof(RecordingHostingStartup).Assembly.GetName().Name);
            web.UseSetting(RecordingHostingStartup.SessionSetting, session.Id);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", OtlpEndpoint);
            web.ConfigureTestServices(services =>
            {
                // The bus would dial the manifest's broker; everything else starts as deployed.
                foreach (var bus in services.Where(d => d.ServiceType == typeof(IHostedService)
                             && d.ImplementationType?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true).ToList())
                {
                    services.Remove(bus);
                }

                registrations = services.ToList();
            });
        });

        using var client = factory.CreateClient(); // starts the host: option validation, hosted services, Map* calls
        var provider = factory.Services;
        BindEveryOption(provider, registrations);

        var endpoints = provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var routes = endpoints
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // The scopes the routes' authorization metadata asks for (RequireScope names its policy after the scope).
        var routeScopes = endpoints
            .Select(e => (
                Route: string.Join(',', e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]) + " /" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
                Scopes: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Scopes.All.Contains).ToList()))
            .Where(r => r.Scopes.Count > 0)
            .GroupBy(r => r.Route, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(r => r.Scopes).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in routes.Intersect(HealthRoutes, StringComparer.Ordinal))
        {
            using var patience = new CancellationTokenSource(HealthPatience);
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), patience.Token);
                answers[path] = (int)response.StatusCode;
            }
            catch (OperationCanceledException)
            {
                answers[path] = StartupReport.NoAnswer;
            }
        }

        return new StartupReport(
            assembly,
            session.ReadKeys,
            session.EnumeratedSections,
            routes,
            provider.GetService<TracerProvider>() is not null,
            provider.GetRequiredService<IOptions<BusOptions>>().Value,
            provider.GetService<DatabaseOptions>(),
            answers,
            routeScopes,
            provider.GetService<IOptions<AuthOptions>>()?.Value);
    }

    private static StartupReport StartMigrator(string assembly, RecordingSession session, IReadOnlyList<string> arguments)
    {
        // The same registration MigratorApp.RunAsync makes, in the mode its first argument selects.
        var wait = arguments.Count > 0 && string.Equals(arguments[0], MigratorApp.WaitCommand, StringComparison.OrdinalIgnoreCase);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ApplicationName = assembly,
        });
        ((IConfigurationBuilder)builder.Configuration).Add(session.Source());
        var targets = builder.AddMigrationTargets(requireAll: !wait);
        var registrations = builder.Services.ToList();
        using var host = builder.Build();
        BindEveryOption(host.Services, registrations);
        foreach (var target in targets)
        {
            using var scope = host.Services.CreateScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
            _ = db.Database.ProviderName; // builds the context's options without connecting
        }

        return new StartupReport(
            assembly,
            session.ReadKeys,
            session.EnumeratedSections,
            [],
            host.Services.GetService<TracerProvider>() is not null,
            null,
            host.Services.GetService<DatabaseOptions>(),
            new Dictionary<string, int>(),
            new Dictionary<string, IReadOnlyList<string>>(),
            host.Services.GetService<IOptions<AuthOptions>>()?.Value);
    }

    /// <summary>Resolves every options type of the project's own assemblies, binding and validating it.</summary>
    private static void BindEveryOption(IServiceProvider provider, IEnumerable<ServiceDescriptor> registrations)
    {
        var optionTypes = registrations
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>)
                || t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>)))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name?.StartsWith("Payments.", StringComparison.Ordinal) == true)
            .Distinct();
        foreach (var type in optionTypes)
        {
            var monitorType = typeof(IOptionsMonitor<>).MakeGenericType(type);
            var monitor = provider.GetRequiredService(monitorType);
            try
            {
                monitorType.GetMethod(nameof(IOptionsMonitor<object>.Get))!.Invoke(monitor, [Options.DefaultName]);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                throw new InvalidOperationException(
                    string.Create(CultureInfo.InvariantCulture, $"Binding {type.Name} from the deployment's settings failed: {exception.InnerException.Message}"),
                    exception.InnerException);
            }
        }
    }

    private static List<string> ReadHealthRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Services.AddHealthChecks();
        builder.Services.AddRouting();
        using var app = builder.Build();
        app.MapDefaultEndpoints();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .ToList();
    }
}
