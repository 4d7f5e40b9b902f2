using System.Globalization;
using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>docker-compose.yml, validated and rendered by docker-compose itself, checked like the Kubernetes overlays.</summary>
public sealed class ComposeTests
{
    private static readonly string[] DeveloperPorts = ["15672", "16686"]; // RabbitMQ management, Jaeger UI

    /// <summary>
    /// The services whose secrets compose reads from an env file: the file it reads by default (the developer's
    /// git-ignored copy), the committed example to copy, and the dev overlay's placeholder Secret of the same settings.
    /// </summary>
    private static readonly (string Service, string File, string Example, string DevSecret)[] EnvFiles =
    [
        ("ingress", "deploy/compose/payments.env", Deploy.ComposeEnvExample, "ingress-providers.example.env"),
        ("notifier", "deploy/compose/notifier.env", Deploy.NotifierEnvExample, "notifier-endpoints.example.env"),
    ];

    [Fact]
    public async Task Docker_compose_validates_the_file()
    {
        var result = await Tool.RunAsync(Tool.DockerCompose, ["-f", Deploy.ComposeFile, "config", "--quiet"], Deploy.ComposeEnvironment);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task Each_service_sets_exactly_what_it_reads()
    {
        var compose = await Deploy.ComposeAsync();
        var failures = new List<string>();
        foreach (var image in await Deploy.ImagesAsync())
        {
            var service = compose.Obj("services", image.ComposeService)!;
            var env = service.StringMap("environment").Select(p => new EnvVar(p.Key, p.Value, "environment")).ToList();
            var container = new ContainerSpec($"compose: {image.ComposeService}", image.ComposeService, service.Str("image")!, false,
                service.Strings("command").ToList(), env, service, null);
            try
            {
                await ServiceChecks.AssertEnvironmentAsync(image, container);
            }
            catch (Xunit.Sdk.XunitException exception)
            {
                failures.Add(exception.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Only_the_webhooks_the_game_and_operator_APIs_the_console_and_the_developer_UIs_are_published_on_loopback()
    {
        var compose = await Deploy.ComposeAsync();
        var images = await Deploy.ImagesAsync();
        foreach (var (name, service) in compose.Obj("services")!)
        {
            var ports = Ports(service!.AsObject());
            Assert.All(ports, p => Assert.True(p.HostIp == "127.0.0.1", $"compose: {name} publishes {p.Target} beyond loopback."));
            var targets = ports.Select(p => p.Target).ToList();
            var image = images.SingleOrDefault(i => i.ComposeService == name);
            if (image is null)
            {
                Assert.All(targets, t => Assert.Contains(t, DeveloperPorts));
            }
            else if (image.ComposeService is "ingress" or "orders" or "entitlements" or "archive" or "notifier" or ConsoleChecks.Service)
            {
                Assert.Equal([image.Dockerfile.HttpPort?.ToString(CultureInfo.InvariantCulture) ?? "none"], targets);
            }
            else
            {
                Assert.Empty(targets);
            }
        }

        // The published services on different host ports.
        var published = compose.Obj("services")!.SelectMany(s => Ports(s.Value!.AsObject())).Select(p => p.Published).ToList();
        Assert.Equal(published.Count, published.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Ports in the short ("127.0.0.1:8080:8080/tcp", docker-compose 1.x) or the long (compose v2) form.</summary>
    private static List<(string HostIp, string Published, string Target)> Ports(System.Text.Json.Nodes.JsonObject service)
    {
        var result = new List<(string, string, string)>();
        foreach (var port in service["ports"]?.AsArray() ?? [])
        {
            if (port is System.Text.Json.Nodes.JsonObject o)
            {
                result.Add((o.Str("host_ip") ?? "0.0.0.0", o.Str("published") ?? string.Empty, o.Str("target")!));
                continue;
            }

            var parts = port!.ToString().Split('/')[0].Split(':');
            result.Add(parts.Length switch
            {
                3 => (parts[0], parts[1], parts[2]),
                2 => ("0.0.0.0", parts[0], parts[1]),
                _ => ("0.0.0.0", string.Empty, parts[0]),
            });
        }

        return result;
    }

    [Fact]
    public async Task Services_start_after_a_healthy_broker_and_database_and_a_completed_migration()
    {
        var compose = await Deploy.ComposeAsync();
        var services = compose.Obj("services")!;
        Assert.NotNull(services.Obj("rabbitmq", "healthcheck"));
        Assert.NotNull(services.Obj("sqlserver", "healthcheck"));
        foreach (var image in await Deploy.ImagesAsync())
        {
            var service = services.Obj(image.ComposeService)!;
            var env = service.StringMap("environment");
            string? Condition(string dependency) => service.Str("depends_on", dependency, "condition");
            if (env.TryGetValue("Bus__RabbitMq__Host", out var broker))
            {
                Assert.Equal("rabbitmq", broker);
                Assert.Equal("service_healthy", Condition("rabbitmq"));
            }

            if (env.Keys.Any(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                Assert.Equal("service_healthy", Condition("sqlserver"));
                if (image.Project.IsWeb)
                {
                    var migrator = (await Deploy.ImagesAsync()).Single(i => !i.Project.IsWeb).ComposeService;
                    Assert.Equal("service_completed_successfully", Condition(migrator));
                }
            }
        }
    }

    [Fact]
    public async Task Secrets_come_from_git_ignored_env_files_whose_examples_hold_placeholders()
    {
        var raw = Yaml.ParseSingle(Repository.ReadText(Deploy.ComposeFile));
        var withEnvFile = raw.Obj("services")!.Where(s => s.Value.Obj() is { } o && o["env_file"] is not null).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(EnvFiles.Select(f => f.Service).Order(StringComparer.Ordinal), withEnvFile);
        foreach (var (service, file, example, devSecret) in EnvFiles)
        {
            Assert.Contains(file, raw.Obj("services", service)!["env_file"]!.ToJsonString(), StringComparison.Ordinal);

            var ignored = await Tool.RunAsync("git", ["check-ignore", "-q", file]);
            Assert.True(ignored.ExitCode == 0, $"{file} is not git-ignored.");

            // The example and the dev overlay's placeholder Secret configure the same settings.
            Assert.Equal(Keys(example), Keys($"{Deploy.OverlaysFolder}/dev/secrets/{devSecret}"));
        }

        static List<string> Keys(string path) => Repository.ReadText(path).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0]).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Telemetry_goes_through_the_collector_to_Jaeger()
    {
        var compose = await Deploy.ComposeAsync();
        var services = compose.Obj("services")!;
        var collectorConfig = Yaml.ParseSingle(Repository.ReadText("deploy/compose/otel-collector.yaml"));
        var grpc = collectorConfig.Str("receivers", "otlp", "protocols", "grpc", "endpoint")!;
        foreach (var image in (await Deploy.ImagesAsync()).Where(i => i.Project.IsWeb))
        {
            var endpoint = new Uri(services.Obj(image.ComposeService)!.StringMap("environment")["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.NotNull(services.Obj(endpoint.Host));
            Assert.EndsWith(":" + endpoint.Port.ToString(CultureInfo.InvariantCulture), grpc, StringComparison.Ordinal);
        }

        var collector = services.Obj("otel-collector")!;
        var volumes = collector["volumes"]!.AsArray().Select(v => v is System.Text.Json.Nodes.JsonObject o ? o.Str("source") : v!.ToString().Split(':')[0]);
        Assert.Contains(volumes, source => source?.EndsWith("deploy/compose/otel-collector.yaml", StringComparison.Ordinal) == true);
        var exporters = collectorConfig.Strings("service", "pipelines", "traces", "exporters").ToList();
        Assert.Contains(exporters, e => collectorConfig.Str("exporters", e, "endpoint")?.StartsWith("jaeger:", StringComparison.Ordinal) == true);
        Assert.NotNull(services.Obj("jaeger"));
    }
}
