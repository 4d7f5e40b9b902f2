using System.Xml.Linq;

namespace Payments.DeployTests.Support;

/// <summary>What a .csproj says about itself: SDK, assembly name, output type and project references.</summary>
internal sealed class ProjectFile
{
    private ProjectFile(string fullPath)
    {
        FullPath = fullPath;
        var document = XDocument.Load(fullPath);
        Sdk = document.Root?.Attribute("Sdk")?.Value ?? string.Empty;
        AssemblyName = document.Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault()
            ?? System.IO.Path.GetFileNameWithoutExtension(fullPath);
        OutputType = document.Descendants("OutputType").Select(e => e.Value.Trim()).LastOrDefault();
        References = document.Descendants("ProjectReference")
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
            .Select(include => System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(fullPath)!, include)))
            .ToList();
    }

    public string FullPath { get; }

    public string Directory => System.IO.Path.GetDirectoryName(FullPath)!;

    public string Sdk { get; }

    public string AssemblyName { get; }

    public string? OutputType { get; }

    public IReadOnlyList<string> References { get; }

    /// <summary>A web host (Microsoft.NET.Sdk.Web): serves HTTP, hence a port and probes.</summary>
    public bool IsWeb => Sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);

    public static ProjectFile Load(string fullPath) => new(fullPath);

    /// <summary>This project and every project it references, directly or not.</summary>
    public IReadOnlyList<ProjectFile> Closure()
    {
        var seen = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var queue = new Queue<ProjectFile>([this]);
        while (queue.TryDequeue(out var project))
        {
            if (seen.TryAdd(project.FullPath, project))
            {
                foreach (var reference in project.References)
                {
                    queue.Enqueue(Load(reference));
                }
            }
        }

        return seen.Values.ToList();
    }
}
