using System.Diagnostics;
using System.Globalization;
using Payments.Bench;
using Payments.Scenarios.Running;
using Payments.Scenarios.Faults;
using Payments.Testing;

// ./bench.sh [--quick] [--out FILE] [--env KEY=VALUE]… [--phases ingress,cold,e2e,capacity,saga]   the figures (--env: for the service processes) (see README.md, "Prove it")
// ./bench.sh faults [--orders N] [--seed N] [--concurrency N] [--replicas N] [--broker-nodes 1|3]   the long fault suite
const string Usage = "usage: Payments.Bench [--quick] [--out FILE] [--env KEY=VALUE]… [--phases ingress,cold,e2e,capacity,saga] | faults [--orders N] [--seed N] [--concurrency N] [--load-seconds N] [--replicas N] [--broker-nodes N]";

// The services this tool starts are the Release builds (bench.sh builds them).
Environment.SetEnvironmentVariable("PAYMENTS_HOST_CONFIGURATION", Environment.GetEnvironmentVariable("PAYMENTS_HOST_CONFIGURATION") ?? "Release");

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var clock = Stopwatch.StartNew();
void Log(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:mm\\:ss}] {line}"));

string? Value(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

int IntValue(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    if (args.FirstOrDefault() == "faults")
    {
        var orders = IntValue("--orders", 2000);
        var replicas = IntValue("--replicas", 1);
        var brokerNodes = IntValue("--broker-nodes", 1);
        if (replicas < 1 || brokerNodes < 1)
        {
            Console.Error.WriteLine("--replicas and --broker-nodes take a whole number of at least 1");
            return 2;
        }

        var options = new FaultOptions
        {
            // Several Orders replicas: one order's events delivered at once over all of them.
            HotOrder = replicas > 1,
            Orders = orders,
            Seed = IntValue("--seed", 4242),
            Concurrency = IntValue("--concurrency", 32),
            Storms = Math.Max(5, orders / 50),
            LoadDuration = TimeSpan.FromSeconds(IntValue("--load-seconds", Math.Max(90, orders / 12))),
            StallTimeout = TimeSpan.FromSeconds(90),
            DeliveryDeadline = TimeSpan.FromMinutes(10),
            Log = Log,
        };
        Log($"fault suite: {options.Orders} orders, seed {options.Seed}, concurrency {options.Concurrency}, {replicas} replica(s) of every service, {brokerNodes} broker node(s); starting PostgreSQL and RabbitMQ");
        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        RabbitMqCluster? cluster = null;
        try
        {
            if (brokerNodes > 1)
            {
                cluster = await RabbitMqCluster.StartAsync(brokerNodes, cancellation.Token);
                Log($"RabbitMQ cluster of {brokerNodes} nodes up in {cluster.StartupTime.TotalSeconds:0} s: {string.Join(", ", cluster.ClusterNodes)}");
            }

            await using var system = await DistributedSystem.StartAsync(infrastructure, new Dictionary<string, string>
            {
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            }, new SystemShape { Replicas = replicas, Cluster = cluster });
            Log($"services up (Release): {system.Processes.Count} processes");
            using var runner = new FaultRunner(new DistributedFaultTarget(infrastructure, system, cluster), DistributedSystem.Secrets, options);
            var report = await runner.RunAsync(cancellation.Token);
            Console.WriteLine();
            Console.WriteLine(report.ToTable());
            if (!report.Passed)
            {
                Console.WriteLine(report.Details(50));
                return 1;
            }

            return 0;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            await infrastructure.DisposeAsync();
        }
    }

    var serviceEnvironment = args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length)
        .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
    var phases = (Value("--phases")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Benchmark.AllPhases).ToHashSet(StringComparer.Ordinal);
    if (phases.Except(Benchmark.AllPhases).Any())
    {
        Console.Error.WriteLine($"--phases takes a comma-separated list of {string.Join(", ", Benchmark.AllPhases)}");
        return 2;
    }

    var benchOptions = new BenchOptions { Quick = args.Contains("--quick"), Out = Value("--out"), ServiceEnvironment = serviceEnvironment, Phases = phases };
    var results = await new Benchmark(benchOptions, Log).RunAsync(cancellation.Token);
    results.Elapsed = clock.Elapsed;
    Console.WriteLine();
    Console.WriteLine(results.ToTable());
    if (benchOptions.Out is { } path)
    {
        await File.WriteAllTextAsync(path, results.ToJson());
        Log($"wrote {Path.GetFullPath(path)}");
    }

    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled");
    return 130;
}
