using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Payments.UnitTests.Architecture;

/// <summary>
/// The project reference rule of docs/dependencies.md, read from the project files themselves: services talk only
/// through contracts, nothing ships test or tool code, and every pinned package is used.
/// </summary>
public partial class DependencyRuleTests
{
    /// <summary>Every folder <c>services/&lt;Service&gt;</c> holding its module <c>Payments.&lt;Service&gt;</c>: a new service is covered without touching this test.</summary>
    private static readonly Lazy<string[]> Services = new(() =>
    [
        .. Directory.EnumerateDirectories(Path.Combine(RepositoryRoot(), "services"))
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith("Payments.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ]);
    private static readonly string[] Shared = ["services/Payments.ServiceDefaults", "services/Payments.Persistence", "services/Payments.DeadLetters"];
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
    public void Every_project_under_services_is_a_module_a_host_a_shared_or_a_composition_project()
    {
        Assert.Contains("Orders", Services.Value);
        var unclassified = All.Value
            .Where(p => p.Directory.StartsWith("services/", StringComparison.Ordinal))
            .Where(p => !(IsModule(p.Directory) || IsHost(p.Directory) || Shared.Contains(p.Directory) || Composition.Contains(p.Directory)))
            .Select(p => p.Directory);

        Assert.Empty(unclassified);
    }

    [Fact]
    public void A_service_references_no_other_service_and_no_test_or_tool()
    {
        var broken = new List<string>();
        foreach (var project in All.Value.Where(p => ServiceOf(p.Directory) is not null))
        {
            var service = ServiceOf(project.Directory)!;
            var isHost = IsHost(project.Directory);
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
                var allowed = reference == Contracts || Shared.Contains(reference) || (Composition.Contains(project.Directory) && IsModule(reference));
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
    public void Tools_reference_no_service_module_and_hosts_only_to_build_them()
    {
        var broken = new List<string>();
        foreach (var project in All.Value.Where(p => p.Directory.StartsWith("tools/", StringComparison.Ordinal) && !Composition.Contains(p.Directory)))
        {
            broken.AddRange(project.References.Where(IsModule).Select(r => $"{project.Directory} → {r}"));
            broken.AddRange(project.Linked.Where(IsHost).Select(r => $"{project.Directory} → {r} (links the host's assembly)"));
        }

        // The simulator builds what the services receive: it must not borrow the code under test.
        broken.AddRange(All.Value.Single(p => p.Directory == "tools/Payments.Simulator").References.Where(r => r != Contracts).Select(r => $"tools/Payments.Simulator → {r}"));

        Assert.Empty(broken);
    }

    [Fact]
    public void No_directory_wide_build_file_adds_references_or_sources()
    {
        var root = RepositoryRoot();
        var broken = Directory.EnumerateFiles(root, "Directory.Build.*", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Where(f => XDocument.Load(f).Descendants().Any(e => e.Name.LocalName is "ProjectReference" or "Compile" && e.Attribute("Include") is not null))
            .Select(f => Path.GetRelativePath(root, f));

        Assert.Empty(broken);
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
        // What restore resolved for the projects that exist now (not for ones deleted since the last clean).
        var restored = All.Value
            .Select(p => Path.Combine(root, "artifacts", "obj", Path.GetFileName(p.Directory), "project.assets.json"))
            .Where(File.Exists).Select(File.ReadAllText).ToList();
        Assert.True(restored.Count > 0, "no artifacts/obj/*/project.assets.json: run the tests after a restore (dotnet build)");

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
        Services.Value.FirstOrDefault(s => directory.StartsWith($"services/{s}/", StringComparison.Ordinal));

    private static bool IsModule(string directory) => ServiceOf(directory) is { } service && directory == $"services/{service}/Payments.{service}";

    private static bool IsHost(string directory) => ServiceOf(directory) is { } service && directory == $"services/{service}/Payments.{service}.Host";

    private static bool IsBuildOutput(string relative) =>
        relative.Replace('\\', '/').Split('/') is var parts && parts.Any(part => part is "artifacts" or "bin" or "obj" or ".git");

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
    /// <param name="Linked">References whose assembly the project links (not <c>ReferenceOutputAssembly="false"</c>).</param>
    private sealed partial record ProjectFile(
        string Directory, IReadOnlyList<string> References, IReadOnlyList<string> Linked, IReadOnlyList<string> Packages,
        IReadOnlyList<string> CompiledFromElsewhere, IReadOnlyList<string> GlobalUsings, string FullDirectory)
    {
        public static IReadOnlyList<ProjectFile> LoadAll(string root) =>
        [
            .. new[] { "contracts", "services", "tests", "tools" }
                .SelectMany(top => System.IO.Directory.EnumerateFiles(Path.Combine(root, top), "*.csproj", SearchOption.AllDirectories))
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(path => Load(root, path)),
        ];

        /// <summary>Any mention of the namespace in code (a using of any kind, a qualified name) or a project-wide using; comments do not count.</summary>
        public bool UsesNamespace(string ns) =>
            GlobalUsings.Any(u => u == ns || u.StartsWith(ns + ".", StringComparison.Ordinal))
            || System.IO.Directory.EnumerateFiles(FullDirectory, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Any(file => File.ReadLines(file).Select(line => line.TrimStart()).Where(line => !line.StartsWith("//", StringComparison.Ordinal))
                    .Any(line => Regex.IsMatch(line, $@"(?<![\w.]){Regex.Escape(ns)}\b")));

        private static ProjectFile Load(string root, string path)
        {
            var directory = Path.GetDirectoryName(path)!;
            var xml = XDocument.Load(path);
            string Relative(string include)
            {
                var expanded = include.Replace("$(MSBuildThisFileDirectory)", directory + "/", StringComparison.Ordinal)
                    .Replace("$(MSBuildProjectDirectory)", directory, StringComparison.Ordinal).Replace('\\', '/');
                return Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(directory, expanded))).Replace('\\', '/');
            }

            string Folder(XElement reference) => Path.GetDirectoryName(Relative((string)reference.Attribute("Include")!))!.Replace('\\', '/');
            var projectReferences = xml.Descendants("ProjectReference").ToList();
            var references = projectReferences.Select(Folder).ToList();
            var linked = projectReferences
                .Where(r => !string.Equals((string?)r.Attribute("ReferenceOutputAssembly") ?? (string?)r.Element("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
                .Select(Folder).ToList();
            var usings = xml.Descendants("Using").Select(u => (string?)u.Attribute("Include")).OfType<string>().ToList();
            var packages = xml.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!).ToList();
            var elsewhere = xml.Descendants("Compile").Select(c => (string?)c.Attribute("Include")).OfType<string>()
                .Where(include => Relative(include) is var file && !file.StartsWith(Path.GetRelativePath(root, directory).Replace('\\', '/') + "/", StringComparison.Ordinal))
                .ToList();
            return new ProjectFile(Path.GetRelativePath(root, directory).Replace('\\', '/'), references, linked, packages, elsewhere, usings, directory);
        }
    }
}
