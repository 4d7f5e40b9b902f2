using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Payments.DeployTests.Support;

/// <summary>Runs the real deployment tools: kubectl (kustomize) and docker-compose.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary><c>kubectl</c>, or the binary named by <c>PAYMENTS_KUBECTL</c>.</summary>
    public static string Kubectl => Environment.GetEnvironmentVariable("PAYMENTS_KUBECTL") is { Length: > 0 } path ? path : "kubectl";

    /// <summary><c>docker-compose</c>, or the binary named by <c>PAYMENTS_DOCKER_COMPOSE</c>.</summary>
    public static string DockerCompose =>
        Environment.GetEnvironmentVariable("PAYMENTS_DOCKER_COMPOSE") is { Length: > 0 } path ? path : "docker-compose";

    /// <summary>Exit code of a process stopped because it outlived its timeout (with <c>stopAtTimeout</c>).</summary>
    public const int Stopped = -1;

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        bool stopAtTimeout = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"'{fileName}' could not be started ({exception.Message}). The deployment tests render the real manifests: " +
                "./test.sh installs kubectl (Debian's kubernetes-client) and docker-compose when they are missing.", exception);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (stopAtTimeout)
            {
                await process.WaitForExitAsync();
                return new Result(Stopped, await output, await error);
            }

            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout ?? TimeSpan.FromMinutes(2)}.");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(fileName, list, environment);
        if (result.ExitCode != 0)
        {
            var message = new StringBuilder()
                .Append(fileName).Append(' ').AppendJoin(' ', list).Append(" exited with ").Append(result.ExitCode).AppendLine(":")
                .AppendLine(result.Error).AppendLine(result.Output);
            throw new InvalidOperationException(message.ToString());
        }

        return result.Output;
    }
}
