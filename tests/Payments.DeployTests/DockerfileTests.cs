using System.Text.RegularExpressions;
using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>Each Dockerfile against the project it builds.</summary>
public sealed partial class DockerfileTests
{
    /// <summary>Restore and build need these from the repository root (central versions, build and style settings).</summary>
    private static readonly string[] BuildInputs =
        ["Directory.Build.props", "Directory.Packages.props", ".editorconfig", "services/Directory.Build.props"];

    public static TheoryData<string> Dockerfiles => new(Deploy.Dockerfiles);

    [Fact]
    public async Task Compose_builds_every_Dockerfile_from_the_repository_root()
    {
        var compose = await Deploy.ComposeAsync();
        var images = await Deploy.ImagesAsync();
        Assert.Equal(Deploy.Dockerfiles, images.Select(i => i.DockerfilePath).Order(StringComparer.Ordinal));
        Assert.All(compose.Obj("services")!.Select(s => s.Value.Obj("build")).OfType<System.Text.Json.Nodes.JsonObject>(),
            build => Assert.Equal(Repository.Root, build.Str("context")!.TrimEnd('/')));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_SDK_stage_publishes_the_project_and_the_runtime_stage_runs_it(string path)
    {
        var dockerfile = Dockerfile.Load(Repository.PathOf(path));
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stages[0].Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.Final.Image);

        var published = dockerfile.PublishedProject;
        Assert.NotNull(published);
        Assert.True(File.Exists(Repository.PathOf(published)), $"{path}: {published} does not exist.");
        Assert.Equal(published, dockerfile.RestoredProject);
        var project = ProjectFile.Load(Repository.PathOf(published));
        Assert.Equal(["dotnet", project.AssemblyName + ".dll"], dockerfile.Final.Entrypoint ?? []);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_build_stage_copies_the_build_inputs_and_every_project_the_published_one_needs(string path)
    {
        var dockerfile = Dockerfile.Load(Repository.PathOf(path));
        var build = dockerfile.Stages.Single(s => s.Runs.Any(r => r.Contains("dotnet publish", StringComparison.Ordinal)));
        var sources = build.Copies.Where(c => c.From is null).SelectMany(c => c.Sources).Select(s => s.TrimEnd('/')).ToList();
        Assert.All(BuildInputs, input => Assert.Contains(input, sources));

        var project = ProjectFile.Load(Repository.PathOf(dockerfile.PublishedProject!));
        foreach (var needed in project.Closure())
        {
            var folder = Repository.Relative(needed.Directory);
            Assert.True(sources.Any(s => folder == s || folder.StartsWith(s + "/", StringComparison.Ordinal)),
                $"{path}: {folder} ({needed.AssemblyName}) is not copied into the build stage.");
        }

        // Nothing the build copies is kept out of the context by .dockerignore.
        var ignore = DockerIgnore();
        Assert.All(sources, source => Assert.False(ignore.Any(pattern => pattern.IsMatch(source)), $"{path}: .dockerignore excludes {source}."));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_runtime_stage_holds_only_the_published_output_runs_non_root_and_listens_where_it_says(string path)
    {
        var dockerfile = Dockerfile.Load(Repository.PathOf(path));
        var build = dockerfile.Stages.Single(s => s.Runs.Any(r => r.Contains("dotnet publish", StringComparison.Ordinal)));
        var output = OutputFolder().Match(build.Runs.Single(r => r.Contains("dotnet publish", StringComparison.Ordinal))).Groups[1].Value;
        var copy = Assert.Single(dockerfile.Final.Copies);
        Assert.Equal(build.Name, copy.From);
        Assert.Equal([output], copy.Sources.Select(s => s.TrimEnd('/')));

        Assert.True(dockerfile.Final.User is "$APP_UID" or "${APP_UID}" or "app" || (int.TryParse(dockerfile.Final.User, out var uid) && uid > 0),
            $"{path}: the final stage runs as '{dockerfile.Final.User}', not the image's non-root app user.");

        var project = ProjectFile.Load(Repository.PathOf(dockerfile.PublishedProject!));
        if (project.IsWeb)
        {
            Assert.NotNull(dockerfile.HttpPort);
            Assert.Equal([dockerfile.Final.Env["ASPNETCORE_HTTP_PORTS"]], dockerfile.Final.Exposed);
        }
        else
        {
            Assert.Null(dockerfile.HttpPort);
            Assert.Empty(dockerfile.Final.Exposed);
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_tests_deployment_files_and_secrets()
    {
        var ignore = DockerIgnore();
        foreach (var path in new[] { "artifacts", "services/Orders/Payments.Orders/bin", "services/Orders/Payments.Orders/obj", "tests", ".git",
                     "deploy/compose/payments.env", "services/Ingress/Payments.Ingress.Host/obj" })
        {
            Assert.True(ignore.Any(p => p.IsMatch(path)), $".dockerignore lets {path} into the build context.");
        }
    }

    /// <summary>.dockerignore patterns as regular expressions (the subset used: '**', '*', a trailing '/').</summary>
    private static List<Regex> DockerIgnore() => Repository.ReadText(".dockerignore").Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('!'))
        .Select(pattern =>
        {
            var body = Regex.Escape(pattern.TrimEnd('/'))
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal);
            return new Regex("^" + body + "(/.*)?$");
        })
        .ToList();

    [GeneratedRegex(@"\s-o\s+(\S+)")]
    private static partial Regex OutputFolder();
}
