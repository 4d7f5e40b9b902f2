using System.Collections.Concurrent;
using System.Diagnostics;

namespace Payments.Testing;

/// <summary>
/// A long-running child process (a server) that never outlives the test run.
/// It runs in its own session (<c>setsid</c>, so its process group can be killed as a whole),
/// its output goes to an in-memory ring buffer, and a tiny watchdog shell process kills its
/// process group when the test host dies without disposing it (a crash, a hang timeout, SIGKILL).
/// Live children are also killed on <see cref="AppDomain.ProcessExit"/>.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();

    private readonly Process _process;
    private readonly Process? _watchdog;
    private readonly OutputRingBuffer _output;

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Live.Keys)
            {
                child.Kill();
            }
        };
    }

    private ChildProcess(string name, Process process, Process? watchdog, OutputRingBuffer output)
    {
        Name = name;
        _process = process;
        _watchdog = watchdog;
        _output = output;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode
    {
        get
        {
            try
            {
                return _process.HasExited ? _process.ExitCode : null;
            }
            catch (InvalidOperationException)
            {
                return null; // Disposed.
            }
        }
    }

    public string RecentOutput => _output.ToString();

    /// <summary>
    /// Starts <paramref name="fileName"/> in a new session. <paramref name="environment"/> entries
    /// override the inherited environment; a <see langword="null"/> value removes a variable.
    /// Variables whose names start with one of <paramref name="removePrefixes"/> are not inherited.
    /// When the test host dies without killing the child, the watchdog also deletes
    /// <paramref name="cleanupDirectory"/>.
    /// </summary>
    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string?>>? environment = null,
        string? workingDirectory = null,
        IEnumerable<string>? removePrefixes = null,
        int outputLines = 400,
        string? cleanupDirectory = null)
    {
        var output = new OutputRingBuffer(outputLines);
        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(fileName);
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

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        var child = new ChildProcess(name, process, StartWatchdog(process.Id, cleanupDirectory), output);
        Live.TryAdd(child, 0);
        return child;
    }

    /// <summary>Waits for the process to exit; returns <see langword="false"/> on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            StopWatchdog();
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Describes an unexpected exit: waits briefly for the output pipes to drain (an exited
    /// process's last lines may still be in flight) and returns the exit code and the recent output.
    /// </summary>
    public async Task<string> DescribeExitAsync()
    {
        await WaitForExitAsync(TimeSpan.FromSeconds(5));
        return $"{Name} exited with {ExitCode}:{Environment.NewLine}{RecentOutput}";
    }

    /// <summary>Sends a signal (e.g. "TERM", "INT", "QUIT") to the process itself.</summary>
    public void Signal(string signal)
    {
        if (HasExited)
        {
            return;
        }

        SendSignal(signal, _process.Id.ToString());
    }

    /// <summary>SIGKILLs the whole process group and every descendant.</summary>
    public void Kill()
    {
        if (!HasExited)
        {
            // The child leads its own process group (setsid); descendants that escaped
            // the tree walk (re-parented to init) are still in the group.
            SendSignal("KILL", "-" + _process.Id);

            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            _process.WaitForExit(5000);
        }

        StopWatchdog();
        Live.TryRemove(this, out _);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        _watchdog?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void StopWatchdog()
    {
        try
        {
            if (_watchdog is { HasExited: false })
            {
                _watchdog.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Uses the shell's built-in kill: .NET can only send SIGKILL by itself.</summary>
    private static void SendSignal(string signal, string target)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", "kill -s \"$1\" -- \"$2\"", "signal", signal, target })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var kill = Process.Start(startInfo);
        kill?.WaitForExit(5000);
    }

    private static Process? StartWatchdog(int childId, string? cleanupDirectory)
    {
        // Runs in its own session so that a kill of the test host's process group does not take
        // the watchdog with it. Polls the test host once a second; when it is gone, kills the
        // child's process group and deletes the server's temp folder.
        const string script = "exec >/dev/null 2>&1 </dev/null; while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; "
            + "if ! kill -0 \"$1\" 2>/dev/null; then kill -s KILL -- \"-$2\" 2>/dev/null; "
            + "if [ -n \"$3\" ]; then sleep 1; rm -rf -- \"$3\"; fi; fi; exit 0";
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "/bin/sh", "-c", script, "watchdog", Environment.ProcessId.ToString(), childId.ToString(), cleanupDirectory ?? string.Empty })
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            var watchdog = Process.Start(startInfo);
            watchdog?.StandardInput.Close();
            return watchdog;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
