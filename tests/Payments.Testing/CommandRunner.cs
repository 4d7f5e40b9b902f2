using System.Diagnostics;
using System.Text;

namespace Payments.Testing;

/// <summary>Runs a short-lived command to completion and captures its output.</summary>
internal static class CommandRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string?>>? environment = null,
        IEnumerable<string>? removePrefixes = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var prefix in removePrefixes ?? [])
        {
            foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                startInfo.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment ?? [])
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        var gate = new Lock();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            cancellationToken.ThrowIfCancellationRequested();
            Append($"[timed out after {timeout ?? TimeSpan.FromMinutes(2)}]");
            return new Result(-1, Snapshot());
        }

        // The parameterless overload waits for the asynchronous output readers to reach end of file.
        process.WaitForExit();
        return new Result(process.ExitCode, Snapshot());

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }

        string Snapshot()
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Runs the command and throws with its output when it fails.</summary>
    public static async Task<string> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string?>>? environment = null,
        IEnumerable<string>? removePrefixes = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var argumentList = arguments.ToList();
        var result = await RunAsync(fileName, argumentList, environment, removePrefixes, null, timeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', argumentList)}' exited with {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }

        return result.Output;
    }
}
