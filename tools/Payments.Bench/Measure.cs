using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Payments.Bench;

/// <summary>Latencies in milliseconds, recorded from many threads, summarised as percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentQueue<double> _samples = new();

    public int Count => _samples.Count;

    public void Record(double milliseconds) => _samples.Enqueue(milliseconds);

    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public double Percentile(double p)
    {
        var sorted = _samples.ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(50):0.0} ms, p95 {Percentile(95):0.0} ms, p99 {Percentile(99):0.0} ms (n={Count})");
}

/// <summary>CPU time of processes (from /proc/&lt;pid&gt;/stat) and of the whole machine (/proc/stat), for a breakdown of where time goes.</summary>
internal static class Cpu
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux.

    /// <summary>User + system CPU seconds the process used so far; NaN when it is gone.</summary>
    public static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14, stime 15 → indexes 11 and 12 here.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>Busy CPU seconds of the whole machine so far (all cores).</summary>
    public static double MachineBusySeconds()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + (values.Length > 4 ? values[4] : 0);
        return (values.Sum() - idle) / TicksPerSecond;
    }

    /// <summary>VmHWM (peak resident set) of the process in MB; NaN when it is gone.</summary>
    public static double PeakResidentMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN
                : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}

/// <summary>
/// CPU seconds used during one phase by each named process, by the bench itself, by the broker's and the database's
/// processes (found by name in /proc: RabbitMQ's Erlang VM and helpers, every PostgreSQL process including the
/// backends) and by the rest of the machine (the kernel's own threads and interrupts, other processes).
/// </summary>
internal sealed class CpuBreakdown
{
    /// <summary>Process names (/proc/&lt;pid&gt;/comm) of the servers the bench starts, by the part they are reported as.</summary>
    private static readonly (string Part, string[] Names)[] Servers =
    [
        ("broker", ["beam.smp", "epmd", "erl_child_setup", "inet_gethost"]),
        ("database", ["postgres"]),
    ];

    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly Dictionary<string, double> _start;
    private readonly Dictionary<int, double> _serverStart;
    private readonly double _machineStart;
    private readonly double _selfStart;

    public CpuBreakdown(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _start = processes.ToDictionary(p => p.Key, p => Cpu.ProcessSeconds(p.Value));
        _serverStart = ServerProcesses().ToDictionary(p => p.Pid, p => Cpu.ProcessSeconds(p.Pid));
        _machineStart = Cpu.MachineBusySeconds();
        _selfStart = Cpu.ProcessSeconds(Environment.ProcessId);
    }

    /// <summary>CPU milliseconds per unit of work (e.g. per request) by process, "bench (load generator)", "broker", "database" and "rest (OS)".</summary>
    public Dictionary<string, double> PerUnit(long units)
    {
        var result = new Dictionary<string, double>();
        double known = 0;
        foreach (var (name, pid) in _processes)
        {
            var used = Cpu.ProcessSeconds(pid) - _start[name];
            known += used;
            result[name] = used * 1000 / Math.Max(1, units);
        }

        var self = Cpu.ProcessSeconds(Environment.ProcessId) - _selfStart;
        var machine = Cpu.MachineBusySeconds() - _machineStart;
        result["bench (load generator)"] = self * 1000 / Math.Max(1, units);

        // A server process that started during the phase (a new database backend) counts from zero; one that ended
        // is lost here and lands in "rest".
        var servers = Servers.ToDictionary(s => s.Part, _ => 0.0);
        foreach (var (pid, part) in ServerProcesses())
        {
            var now = Cpu.ProcessSeconds(pid);
            var used = now - _serverStart.GetValueOrDefault(pid, 0);
            if (!double.IsNaN(used))
            {
                servers[part] += used;
            }
        }

        foreach (var (part, used) in servers)
        {
            result[part] = used * 1000 / Math.Max(1, units);
        }

        result["rest (OS)"] = Math.Max(0, machine - known - self - servers.Values.Sum()) * 1000 / Math.Max(1, units);
        return result;
    }

    public static string Describe(Dictionary<string, double> perUnit, string unit) =>
        string.Join(", ", perUnit.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.00} ms")) ) + $" CPU per {unit}";

    private static IEnumerable<(int Pid, string Part)> ServerProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string name;
            try
            {
                name = File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var (part, names) in Servers)
            {
                if (names.Contains(name, StringComparer.Ordinal))
                {
                    yield return (pid, part);
                }
            }
        }
    }
}
