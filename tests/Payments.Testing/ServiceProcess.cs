using System.Diagnostics;

namespace Payments.Testing;

/// <summary>
/// A built .NET service host running as a separate OS process (<c>dotnet &lt;dll&gt; --urls &lt;url&gt;</c>).
/// Its stdout and stderr are kept in memory (the last 400 lines, <see cref="RecentOutput"/>) so a
/// failing test can print them. The process is killed on <see cref="Kill"/>, on dispose, when the
/// test host exits, and (through a watchdog) when the test host dies.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const string SolutionFileName = "Payments.Microservices.sln";

    private readonly ChildProcess _process;

    private ServiceProcess(string name, string url, ChildProcess process)
    {
        Name = name;
        Url = url;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The URL the host listens on, as passed to <c>--urls</c>.</summary>
    public string Url { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.ExitCode;

    /// <summary>The last ~400 lines the process wrote to stdout and stderr.</summary>
    public string RecentOutput => _process.RecentOutput;

    /// <summary>
    /// Starts <c>dotnet <paramref name="dllPath"/> --urls <paramref name="url"/></c> with the given
    /// environment variables added to (or overriding) the test host's environment.
    /// </summary>
    public static ServiceProcess Start(string name, string dllPath, IDictionary<string, string> environment, string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException($"The host of {name} is not built: {dllPath}. Build the solution first.", dllPath);
        }

        var variables = new Dictionary<string, string?>
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var process = ChildProcess.Start(
            name,
            DotnetExecutable(),
            [dllPath, "--urls", url],
            variables,
            Path.GetDirectoryName(dllPath));
        return new ServiceProcess(name, url, process);
    }

    /// <summary>
    /// Polls <c>GET <see cref="Url"/> + <paramref name="path"/></c> until it answers 2xx. Throws, with
    /// the recent output, when the process exits or the timeout (default 60 s) passes.
    /// </summary>
    public async Task WaitUntilHealthyAsync(string path = "/health/ready", TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var address = new Uri(new Uri(Url.TrimEnd('/') + "/"), path.TrimStart('/'));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (stopwatch.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{address} was never healthy: {await _process.DescribeExitAsync()}");
            }

            try
            {
                using var response = await client.GetAsync(address);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "request timed out";
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(
            $"{Name} was not healthy at {address} within {limit} (last: {last}).{Environment.NewLine}{RecentOutput}");
    }

    /// <summary>SIGKILLs the process and everything it started (no graceful shutdown).</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>The folder holding Payments.Microservices.sln, found by walking up from the test's output folder.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFileName} above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// <c>&lt;root&gt;/artifacts/bin/&lt;project&gt;/debug/&lt;project&gt;.dll</c> (UseArtifactsOutput, Debug);
    /// falls back to the release folder when only that one exists, or always when
    /// <c>PAYMENTS_HOST_CONFIGURATION=Release</c>.
    /// </summary>
    public static string HostDll(string projectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectName);
        var bin = Path.Combine(FindRepositoryRoot(), "artifacts", "bin", projectName);
        var debug = Path.Combine(bin, "debug", projectName + ".dll");
        var release = Path.Combine(bin, "release", projectName + ".dll");
        // PAYMENTS_HOST_CONFIGURATION=Release (tools/Payments.Bench) picks the release build even when a debug one exists.
        if (string.Equals(Environment.GetEnvironmentVariable("PAYMENTS_HOST_CONFIGURATION"), "Release", StringComparison.OrdinalIgnoreCase))
        {
            return release;
        }

        return !File.Exists(debug) && File.Exists(release) ? release : debug;
    }

    private static string DotnetExecutable()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return "dotnet";
    }
}
