using Payments.DeployTests.Support;
using Payments.Migrator;
using Payments.ServiceDefaults.Messaging;

namespace Payments.DeployTests;

/// <summary>
/// Every container of every overlay that runs one of the repository's images is checked against the service that
/// image runs: the image is the one built for it, the environment is what the service reads (recorded in process),
/// the port is the Dockerfile's, the probes are the health routes the host maps.
/// </summary>
public sealed class KubernetesServiceTests
{
    public static TheoryData<string> Overlays => new(Deploy.Overlays);

    [Fact]
    public void There_are_a_dev_and_a_production_overlay() =>
        Assert.Equal(["dev", "production"], Deploy.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_image_the_repository_builds_is_deployed_and_pinned(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var images = await Deploy.ImagesAsync();
        var references = Deploy.ImageReferences(overlay, images);
        var rendered = rendering.Containers().Select(c => c.Image).ToHashSet(StringComparer.Ordinal);
        Assert.All(images, image =>
        {
            Assert.Contains(references[image.ImageName], rendered);
            Assert.True(references[image.ImageName].Contains(':', StringComparison.Ordinal) || references[image.ImageName].Contains('@', StringComparison.Ordinal),
                $"{overlay}: {image.ImageName} has no tag in the overlay's 'images'.");
            Assert.False(references[image.ImageName].EndsWith(":latest", StringComparison.Ordinal), $"{overlay}: {image.ImageName} is ':latest'.");
        });
    }

    [Fact]
    public async Task Every_service_host_of_the_repository_has_an_image()
    {
        var images = await Deploy.ImagesAsync();
        var hosts = Directory.GetFiles(Repository.PathOf("services"), "Payments.*.Host.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal));
        Assert.All(hosts, host => Assert.True(images.Any(image => image.Project.FullPath == host),
            $"{Repository.Relative(host)} is built by no Dockerfile of docker-compose.yml, so no deployment runs it."));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Each_container_sets_exactly_what_its_service_reads(string overlay)
    {
        var failures = new List<string>();
        var checkedImages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (container, image) in await OurContainersAsync(overlay))
        {
            try
            {
                await ServiceChecks.AssertEnvironmentAsync(image, container);
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException)
            {
                failures.Add(exception.Message);
            }

            checkedImages.Add(image.ImageName);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        var images = await Deploy.ImagesAsync();
        Assert.Equal(images.Select(i => i.ImageName).Order(StringComparer.Ordinal), checkedImages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ports_and_probes_are_the_ones_the_host_listens_on_and_maps(string overlay)
    {
        var failures = new List<string>();
        foreach (var (container, image) in await OurContainersAsync(overlay))
        {
            var ports = container.Raw.Items("ports").ToList();
            var probes = new[] { "startupProbe", "livenessProbe", "readinessProbe" }
                .Where(p => container.Raw.Obj(p) is not null).ToDictionary(p => p, p => container.Raw.Obj(p)!);
            if (!image.Project.IsWeb || container.IsInit)
            {
                Check(ports.Count == 0 && probes.Count == 0, $"{container.Where}: {image.Project.AssemblyName} serves no HTTP, yet the container has ports or probes.");
                continue;
            }

            var httpPort = image.Dockerfile.HttpPort;
            Check(httpPort is not null, $"{image.DockerfilePath} sets no ASPNETCORE_HTTP_PORTS.");
            Check(ports.Count == 1 && ports[0].Str("containerPort") == httpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{container.Where}: container port(s) {string.Join(", ", ports.Select(p => p.Str("containerPort")))}, but the image listens on {httpPort}.");
            var report = await ServiceStartup.StartAsync(image.Project, ServiceChecks.Settings(container.Env), container.Arguments);

            var live = container.Raw.Str("livenessProbe", "httpGet", "path");
            var ready = container.Raw.Str("readinessProbe", "httpGet", "path");
            Check(live is not null && ready is not null, $"{container.Where}: needs HTTP liveness and readiness probes.");
            if (live is null || ready is null)
            {
                continue;
            }

            Check(report.Routes.Contains(live) && ServiceStartup.HealthRoutes.Contains(live),
                $"{container.Where}: liveness probe {live} is not a health route {image.Project.AssemblyName} maps ({string.Join(", ", ServiceStartup.HealthRoutes)}).");
            Check(report.HealthAnswers.GetValueOrDefault(live) == 200,
                $"{container.Where}: liveness probe {live} must answer 200 without a broker (it answered {report.HealthAnswers.GetValueOrDefault(live)}), or a broker outage would restart every pod.");
            Check(report.Routes.Contains(ready) && ServiceStartup.HealthRoutes.Contains(ready) && ready != live,
                $"{container.Where}: readiness probe {ready} is not the other health route {image.Project.AssemblyName} maps.");
            // With a broker or a database that nothing answers for, ready must say no; a host without either (the
            // console: it only calls the services' APIs, and shows them down) is ready when it answers.
            var dependencies = report.ReadKeys.Contains($"{BusOptions.SectionName}:{nameof(BusOptions.Transport)}") || report.Database is not null;
            Check(!dependencies || report.HealthAnswers.GetValueOrDefault(ready) != 200,
                $"{container.Where}: readiness probe {ready} answered 200 with no broker: it does not check the dependencies.");
            Check(report.HealthAnswers.GetValueOrDefault(ready) != StartupReport.NoAnswer,
                $"{container.Where}: readiness probe {ready} gave no answer within {ServiceStartup.HealthPatience.TotalSeconds} s with its dependencies unreachable: the kubelet would see a timeout, not 'not ready'.");
            if (probes.TryGetValue("startupProbe", out var startup))
            {
                Check(startup.Str("httpGet", "path") == live, $"{container.Where}: the startup probe should ask {live}.");
            }

            foreach (var (name, probe) in probes)
            {
                var port = probe.Str("httpGet", "port");
                var resolved = ports.FirstOrDefault(p => p.Str("name") == port)?.Str("containerPort") ?? port;
                Check(resolved == httpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{container.Where}: {name} asks port {port}, not the image's {httpPort}.");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        void Check(bool condition, string message)
        {
            if (!condition)
            {
                failures.Add(message);
            }
        }
    }

    /// <summary>The containers of an overlay that run one of the repository's images, with the image.</summary>
    internal static async Task<List<(ContainerSpec Container, ServiceImage Image)>> OurContainersAsync(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        // Production references Secrets the operators create; their values for the in-process start come from dev.
        var fallback = overlay == "dev" ? null : await Deploy.RenderAsync("dev");
        var images = await Deploy.ImagesAsync();
        var references = Deploy.ImageReferences(overlay, images);
        var result = new List<(ContainerSpec, ServiceImage)>();
        foreach (var container in rendering.Containers(fallback))
        {
            var image = images.SingleOrDefault(i => references[i.ImageName] == container.Image);
            if (image is null)
            {
                // Not one of ours (broker, database, collector, Jaeger); one of ours with another name or tag would land here.
                Assert.False(
                    container.Image.Contains("payments-", StringComparison.Ordinal) || container.Image.Contains("/payments/", StringComparison.Ordinal),
                    $"{container.Where}: {container.Image} is none of the overlay's images ({string.Join(", ", references.Values)}).");
                continue;
            }

            result.Add((container, image));
        }

        return result;
    }
}
