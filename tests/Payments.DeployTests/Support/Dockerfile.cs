using System.Text.Json;
using System.Text.RegularExpressions;

namespace Payments.DeployTests.Support;

/// <summary>The parts of a Dockerfile the tests compare with the project it builds.</summary>
internal sealed partial class Dockerfile
{
    public required string Path { get; init; }

    public required List<Stage> Stages { get; init; }

    public Stage Final => Stages[^1];

    /// <summary>The project given to <c>dotnet publish</c> in the build stages.</summary>
    public string? PublishedProject => Stages.SelectMany(s => s.Runs)
        .Select(run => PublishCommand().Match(run)).Where(m => m.Success).Select(m => m.Groups[1].Value).SingleOrDefault();

    public string? RestoredProject => Stages.SelectMany(s => s.Runs)
        .Select(run => RestoreCommand().Match(run)).Where(m => m.Success).Select(m => m.Groups[1].Value).SingleOrDefault();

    /// <summary>The port the image's server listens on: <c>ASPNETCORE_HTTP_PORTS</c> of the final stage, if any.</summary>
    public int? HttpPort => Final.Env.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports)
        ? int.Parse(ports.Split(';', ',')[0], System.Globalization.CultureInfo.InvariantCulture)
        : null;

    public static Dockerfile Load(string fullPath)
    {
        var stages = new List<Stage>();
        Stage? current = null;
        foreach (var instruction in Instructions(File.ReadAllLines(fullPath)))
        {
            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            var rest = space < 0 ? string.Empty : instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = new Stage(parts[0], parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null);
                stages.Add(current);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            switch (keyword)
            {
                case "RUN":
                    current.Runs.Add(rest);
                    break;
                case "ENV":
                    foreach (Match pair in EnvPair().Matches(rest))
                    {
                        current.Env[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
                    }

                    break;
                case "EXPOSE":
                    current.Exposed.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('/')[0]));
                    break;
                case "USER":
                    current.User = rest;
                    break;
                case "ENTRYPOINT":
                    current.Entrypoint = rest.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(rest) : [rest];
                    break;
                case "COPY":
                    var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
                    var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                    current.Copies.Add(new Copy(from, paths[..^1], paths[^1]));
                    break;
            }
        }

        return new Dockerfile { Path = fullPath, Stages = stages };
    }

    /// <summary>Instructions with continuation lines joined and comments dropped.</summary>
    private static IEnumerable<string> Instructions(string[] lines)
    {
        var pending = string.Empty;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var instruction = (pending + line).Trim();
            pending = string.Empty;
            if (instruction.Length > 0)
            {
                yield return instruction;
            }
        }
    }

    [GeneratedRegex(@"dotnet\s+publish\s+(\S+\.csproj)")]
    private static partial Regex PublishCommand();

    [GeneratedRegex(@"dotnet\s+restore\s+(\S+\.csproj)")]
    private static partial Regex RestoreCommand();

    [GeneratedRegex(@"(\w+)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();

    internal sealed class Stage(string image, string? name)
    {
        public string Image { get; } = image;

        public string? Name { get; } = name;

        public List<string> Runs { get; } = [];

        public Dictionary<string, string> Env { get; } = new(StringComparer.Ordinal);

        public List<string> Exposed { get; } = [];

        public List<Copy> Copies { get; } = [];

        public string? User { get; set; }

        public string[]? Entrypoint { get; set; }
    }

    internal sealed record Copy(string? From, IReadOnlyList<string> Sources, string Destination);
}
