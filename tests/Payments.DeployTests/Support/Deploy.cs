using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Payments.DeployTests.Support;

/// <summary>An image the repository builds: its Dockerfile, the project it publishes and the name compose gives it.</summary>
internal sealed record ServiceImage(string ComposeService, string ImageName, string DockerfilePath, Dockerfile Dockerfile, ProjectFile Project)
{
    public override string ToString() => ImageName;
}

/// <summary>The deployment files of the repository, rendered by the real tools (cached per test run).</summary>
internal static class Deploy
{
    public const string ComposeFile = "docker-compose.yml";
    public const string ComposeEnvExample = "deploy/compose/payments.env.example";
    public const string NotifierEnvExample = "deploy/compose/notifier.env.example";
    public const string OverlaysFolder = "deploy/overlays";

    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendering>>> Renderings = new(StringComparer.Ordinal);
    private static readonly Lazy<Task<JsonObject>> ComposeConfig = new(RenderComposeAsync);

    /// <summary>Every overlay folder under deploy/overlays.</summary>
    public static IReadOnlyList<string> Overlays =>
        Directory.GetDirectories(Repository.PathOf(OverlaysFolder)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Every Dockerfile under services/.</summary>
    public static IReadOnlyList<string> Dockerfiles =>
        Directory.EnumerateFiles(Repository.PathOf("services"), "Dockerfile", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
            .Select(Repository.Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary><c>kubectl kustomize deploy/overlays/{overlay}</c>, parsed.</summary>
    public static Task<Rendering> RenderAsync(string overlay) =>
        Renderings.GetOrAdd(overlay, name => new Lazy<Task<Rendering>>(async () =>
        {
            var output = await Tool.RunCheckedAsync(Tool.Kubectl, ["kustomize", $"{OverlaysFolder}/{name}"]);
            return new Rendering(name, Yaml.ParseDocuments(output));
        })).Value;

    /// <summary><c>docker-compose config</c> with the committed examples as the env files (providers, game servers).</summary>
    public static Task<JsonObject> ComposeAsync() => ComposeConfig.Value;

    public static IReadOnlyDictionary<string, string> ComposeEnvironment => new Dictionary<string, string>
    {
        ["PAYMENTS_ENV_FILE"] = Repository.PathOf(ComposeEnvExample),
        ["PAYMENTS_NOTIFIER_ENV_FILE"] = Repository.PathOf(NotifierEnvExample),
    };

    /// <summary>The images compose builds, each tied to its Dockerfile and project.</summary>
    public static async Task<IReadOnlyList<ServiceImage>> ImagesAsync()
    {
        var compose = await ComposeAsync();
        var images = new List<ServiceImage>();
        foreach (var (name, service) in compose.Obj("services")!)
        {
            if (service.Obj("build") is not { } build)
            {
                continue;
            }

            var dockerfilePath = Repository.Relative(Path.GetFullPath(Path.Combine(build.Str("context")!, build.Str("dockerfile")!)));
            var dockerfile = Dockerfile.Load(Repository.PathOf(dockerfilePath));
            var project = ProjectFile.Load(Repository.PathOf(dockerfile.PublishedProject
                ?? throw new InvalidOperationException($"{dockerfilePath} publishes no project.")));
            var image = service.Str("image") ?? throw new InvalidOperationException($"compose service {name} builds an image without a name.");
            images.Add(new ServiceImage(name, image.Split(':')[0], dockerfilePath, dockerfile, project));
        }

        return images;
    }

    /// <summary>The image references an overlay renders for each base image name (its kustomization's 'images').</summary>
    public static Dictionary<string, string> ImageReferences(string overlay, IEnumerable<ServiceImage> images)
    {
        var kustomization = Yaml.ParseSingle(Repository.ReadText($"{OverlaysFolder}/{overlay}/kustomization.yaml"));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var entry = kustomization.Items("images").FirstOrDefault(i => i.Str("name") == image.ImageName);
            var name = entry?.Str("newName") ?? image.ImageName;
            result[image.ImageName] = entry?.Str("digest") is { } digest ? $"{name}@{digest}"
                : entry?.Str("newTag") is { } tag ? $"{name}:{tag}"
                : name;
        }

        return result;
    }

    /// <summary><c>docker-compose config</c> as <see cref="ComposeAsync"/>, with <paramref name="variables"/> set as well (not cached).</summary>
    public static async Task<JsonObject> RenderComposeAsync(IReadOnlyDictionary<string, string> variables)
    {
        var environment = ComposeEnvironment.Concat(variables).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var output = await Tool.RunCheckedAsync(Tool.DockerCompose, ["-f", ComposeFile, "config"], environment);
        return Yaml.ParseSingle(output);
    }

    private static Task<JsonObject> RenderComposeAsync() => RenderComposeAsync(new Dictionary<string, string>());
}
