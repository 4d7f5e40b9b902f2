using Payments.Migrator;
using Payments.Persistence;
using Payments.ServiceDefaults.Messaging;

namespace Payments.DeployTests.Support;

/// <summary>The checks every deployment shape (compose service, Kubernetes container) of a service must pass.</summary>
internal static class ServiceChecks
{
    /// <summary>Set for every service that hosts the telemetry SDK: where to export, and who is exporting.</summary>
    public static readonly string[] RequiredTelemetryVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"];

    private static readonly string TransportKey = $"{BusOptions.SectionName}:{nameof(BusOptions.Transport)}";
    private static readonly string RabbitMqSection = $"{BusOptions.SectionName}:{nameof(BusOptions.RabbitMq)}";
    private static readonly string[] RabbitMqRequired =
        [nameof(RabbitMqOptions.Host), nameof(RabbitMqOptions.Username), nameof(RabbitMqOptions.Password)];
    private static readonly string ProviderKey = $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}";
    private static readonly string SchemaAtStartKey = $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ApplySchemaAtStart)}";
    private const string ConnectionStrings = "ConnectionStrings";

    /// <summary>The environment as configuration: '__' is ':'; OTEL_* are read by the telemetry SDK from the process environment.</summary>
    public static Dictionary<string, string> Settings(IEnumerable<EnvVar> env) => env
        .Where(e => !e.Name.StartsWith("OTEL_", StringComparison.Ordinal))
        .ToDictionary(e => e.Name.Replace("__", ":", StringComparison.Ordinal), e => e.Value ?? "placeholder", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Starts the image's service in process with exactly <paramref name="container"/>'s environment and asserts:
    /// it starts (options validate); it reads every variable set (no typo, no stale name, nothing meant for another
    /// service); the deployment-specific settings it reads are set (transport, broker, database, connection strings);
    /// OTEL_* names are ones the telemetry code reads, and set where telemetry is hosted.
    /// </summary>
    public static async Task<StartupReport> AssertEnvironmentAsync(ServiceImage image, ContainerSpec container)
    {
        Assert.All(container.Env, e => Assert.True(e.Value is not null,
            $"{container.Where}: {e.Name} comes from {e.Source}, which no rendering has (not even the dev overlay)."));
        Assert.All(container.Env, e => Assert.False(
            e.Name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || e.Name.StartsWith("DOTNET_", StringComparison.Ordinal),
            $"{container.Where}: {e.Name} overrides the image's host settings (its port is the Dockerfile's ASPNETCORE_HTTP_PORTS)."));

        var settings = Settings(container.Env);
        StartupReport report;
        try
        {
            report = await ServiceStartup.StartAsync(image.Project, settings, container.Arguments);
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException(
                $"{container.Where}: {image.Project.AssemblyName} does not start with the deployment's settings: {exception.GetBaseException().Message}");
        }

        var unread = settings.Keys.Where(key => !report.ReadKeys.Contains(key)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unread.Count == 0,
            $"{container.Where}: {image.Project.AssemblyName} never reads {string.Join(", ", unread.Select(k => k.Replace(":", "__", StringComparison.Ordinal)))}");

        var otel = container.Env.Select(e => e.Name).Where(n => n.StartsWith("OTEL_", StringComparison.Ordinal)).ToList();
        if (report.HostsTelemetry)
        {
            Assert.All(otel, name => Assert.True(OtelVariables.Known.Contains(name),
                $"{container.Where}: {name} is not a variable the OpenTelemetry code reads ({string.Join(", ", OtelVariables.Known.Order(StringComparer.Ordinal))})."));
            Assert.All(RequiredTelemetryVariables, name => Assert.True(otel.Contains(name), $"{container.Where}: {name} is not set."));
        }
        else
        {
            Assert.True(otel.Count == 0, $"{container.Where}: {image.Project.AssemblyName} hosts no telemetry, yet sets {string.Join(", ", otel)}.");
        }

        if (report.ReadKeys.Contains(TransportKey))
        {
            Assert.True(settings.ContainsKey(TransportKey), $"{container.Where}: {TransportKey} is not set.");
            Assert.Equal(BusTransport.RabbitMq, report.Bus!.Transport);
        }

        if (report.ReadKeys.Any(k => k.StartsWith(RabbitMqSection + ":", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.All(RabbitMqRequired, property => Assert.True(settings.ContainsKey($"{RabbitMqSection}:{property}"),
                $"{container.Where}: {RabbitMqSection}:{property} is not set (the default points at a local development broker)."));
        }

        if (report.ReadKeys.Contains(ProviderKey))
        {
            Assert.True(settings.ContainsKey(ProviderKey), $"{container.Where}: {ProviderKey} is not set.");
            Assert.Equal(DatabaseProvider.SqlServer, report.Database!.Provider);
            var isMigrator = image.Project.AssemblyName == typeof(MigratorApp).Assembly.GetName().Name;
            if (!isMigrator)
            {
                Assert.True(settings.ContainsKey(SchemaAtStartKey) && !report.Database.ApplySchemaAtStart,
                    $"{container.Where}: {SchemaAtStartKey} must be false: the migration step migrates, replicas never race to.");
            }
        }

        // A connection string the service looks up is one it uses (the migration runner's 'wait' needs only its own).
        var waits = container.Arguments.Count > 0 && container.Arguments[0] == MigratorApp.WaitCommand;
        var connections = report.ReadKeys.Where(k => k.StartsWith(ConnectionStrings + ":", StringComparison.OrdinalIgnoreCase)).ToList();
        if (waits)
        {
            Assert.Contains(connections, settings.ContainsKey);
        }
        else
        {
            Assert.All(connections, key => Assert.True(settings.ContainsKey(key), $"{container.Where}: {key} is not set."));
        }

        return report;
    }
}
