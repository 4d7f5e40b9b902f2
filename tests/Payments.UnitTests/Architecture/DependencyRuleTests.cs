using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Payments.UnitTests.Architecture;

/// <summary>
/// The project reference rule of docs/dependencies.md, read from the project files themselves: services talk only
/// through contracts, nothing ships test or tool code, and every pinned package is used.
/// </summary>
public partial class DependencyRuleTests
{
    private static readonly string[] Services = ["Ingress", "Normalizer", "Orders", "Entitlements", "Archive"];
    private static readonly string[] Shared = ["services/Payments.ServiceDefaults", "services/Payments.Persistence"];
    private static readonly string[] Composition = ["services/Payments.Standalone", "services/Payments.Migrator", "tools/Payments.DesignTime"];
    private const string Contracts = "contracts/Payments.Contracts";

    private static readonly Lazy<IReadOnlyList<ProjectFile>> All = new(() => ProjectFile.LoadAll(RepositoryRoot()));

    [Fact]
    public void The_rule_sees_every_project()
    {
        // A project the scan misses is a project the rule does not hold; the solution lists them all.
        var solution = File.ReadAllText(Path.Combine(RepositoryRoot(), "Payments.Microservices.sln"));
        var listed = SolutionProject().Matches(solution).Select(m => m.Groups[1].Value.Replace('\\', '/')).Select(p => Path.GetDirectoryName(p)!).Order(StringComparer.Ordinal);

        Assert.Equal(listed, All.Value.Select(p => p.Directory).Order(StringComparer.Ordinal));
        Assert.Contains(All.Value, p => p.Directory == Contracts);
    }

    [Fact]
    public void A_service_references_no_other_service_and_no_test_or_tool()
    {
        var broken = new List<string>();
        foreach (var project in All.Value.Where(p => ServiceOf(p.Directory) is not null))
        {
            var service = ServiceOf(project.Directory)!;
            var isHost = project.Directory.EndsWith(".Host", StringComparison.Ordinal);
            foreach (var reference in project.References)
            {
                var allowed = reference == Contracts || Shared.Contains(reference)
                    || (isHost && reference == $"services/{service}/Payments.{service}");
                if (!allowed)
                {
                    broken.Add($"{project.Directory} → {reference}");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Shared_and_composition_projects_reference_modules_only_never_hosts_tests_or_tools()
    {
        var broken = new List<string>();
        foreach (var project in All.Value.Where(p => Shared.Contains(p.Directory) || Composition.Contains(p.Directory)))
        {
            foreach (var reference in project.References)
            {
                var module = ServiceOf(reference) is { } service && reference == $"services/{service}/Payments.{service}";
                var allowed = reference == Contracts || Shared.Contains(reference) || (Composition.Contains(project.Directory) && module);
                if (!allowed)
                {
                    broken.Add($"{project.Directory} → {reference}");
                }
            }
        }

        Assert.Empty(broken);
        Assert.Empty(All.Value.Single(p => p.Directory == Contracts).References);
    }

    [Fact]
    public void Nothing_under_services_or_contracts_references_tests_or_tools()
    {
        var broken = All.Value
            .Where(p => p.Directory.StartsWith("services/", StringComparison.Ordinal) || p.Directory.StartsWith("contracts/", StringComparison.Ordinal))
            .SelectMany(p => p.References.Where(r => r.StartsWith("tests/", StringComparison.Ordinal) || r.StartsWith("tools/", StringComparison.Ordinal)).Select(r => $"{p.Directory} → {r}"));

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_service_and_tool_that_uses_the_contracts_references_them_directly()
    {
        var broken = All.Value
            .Where(p => p.Directory.StartsWith("services/", StringComparison.Ordinal) || p.Directory.StartsWith("tools/", StringComparison.Ordinal))
            .Where(p => p.UsesNamespace("Payments.Contracts") && !p.References.Contains(Contracts))
            .Select(p => p.Directory);

        Assert.Empty(broken);
    }

    [Fact]
    public void No_project_compiles_another_projects_source_files()
    {
        var broken = All.Value.SelectMany(p => p.CompiledFromElsewhere.Select(file => $"{p.Directory} compiles {file}"));

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_pinned_package_is_referenced_or_a_commented_transitive_pin_that_restore_uses()
    {
        var root = RepositoryRoot();
        var props = XDocument.Load(Path.Combine(root, "Directory.Packages.props"));
        var referenced = All.Value.SelectMany(p => p.Packages)
            .Concat(Directory.EnumerateFiles(root, "Directory.Build.*").Concat(Directory.EnumerateFiles(Path.Combine(root, "tests"), "Directory.Build.*"))
                .SelectMany(f => XDocument.Load(f).Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var restored = Directory.EnumerateFiles(Path.Combine(root, "artifacts", "obj"), "project.assets.json", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToList();
        Assert.NotEmpty(restored);

        var unused = new List<string>();
        foreach (var pin in props.Descendants("PackageVersion"))
        {
            var id = (string)pin.Attribute("Include")!;
            var transitive = (string?)pin.Parent!.Attribute("Label") == "Transitive pins";
            if (referenced.Contains(id))
            {
                Assert.False(transitive, $"{id} is referenced directly; it does not belong under 'Transitive pins'");
                continue;
            }

            if (!transitive || !restored.Any(assets => assets.Contains($"\"{id}/{(string)pin.Attribute("Version")!}\"", StringComparison.OrdinalIgnoreCase)))
            {
                unused.Add(id);
            }
        }

        Assert.Empty(unused);
    }

    private static string? ServiceOf(string directory) =>
        Services.FirstOrDefault(s => directory.StartsWith($"services/{s}/", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Payments.Microservices.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Payments.Microservices.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""Project\("[^"]*"\) = "[^"]*", "([^"]+\.csproj)",""", RegexOptions.None)]
    private static partial Regex SolutionProject();

    /// <summary>One project file: where it is (relative to the root, '/'-separated) and what it points at.</summary>
    private sealed partial record ProjectFile(string Directory, IReadOnlyList<string> References, IReadOnlyList<string> Packages, IReadOnlyList<string> CompiledFromElsewhere, string FullDirectory)
    {
        public static IReadOnlyList<ProjectFile> LoadAll(string root) =>
        [
            .. new[] { "contracts", "services", "tests", "tools" }
                .SelectMany(top => System.IO.Directory.EnumerateFiles(Path.Combine(root, top), "*.csproj", SearchOption.AllDirectories))
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(path => Load(root, path)),
        ];

        public bool UsesNamespace(string ns) =>
            System.IO.Directory.EnumerateFiles(FullDirectory, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Any(file => File.ReadLines(file).Any(line => line.StartsWith($"using {ns}", StringComparison.Ordinal) || line.StartsWith($"global using {ns}", StringComparison.Ordinal)));

        private static ProjectFile Load(string root, string path)
        {
            var directory = Path.GetDirectoryName(path)!;
            var xml = XDocument.Load(path);
            string Relative(string include) => Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/')))).Replace('\\', '/');
            var references = xml.Descendants("ProjectReference").Select(r => Path.GetDirectoryName(Relative((string)r.Attribute("Include")!))!.Replace('\\', '/')).ToList();
            var packages = xml.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!).ToList();
            var elsewhere = xml.Descendants("Compile").Select(c => (string?)c.Attribute("Include")).OfType<string>()
                .Where(include => Relative(include) is var file && !file.StartsWith(Path.GetRelativePath(root, directory).Replace('\\', '/') + "/", StringComparison.Ordinal))
                .ToList();
            return new ProjectFile(Path.GetRelativePath(root, directory).Replace('\\', '/'), references, packages, elsewhere, directory);
        }
    }
}
