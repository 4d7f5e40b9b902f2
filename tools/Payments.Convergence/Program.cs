using System.Diagnostics;
using System.Globalization;
using Payments.Convergence;
using Payments.Scenarios.Generation;
using Payments.Scenarios.Running;
using Payments.Testing;

// dotnet run --project tools/Payments.Convergence -- --orders 10000 [--seed N] [--concurrency 64]
if (!ConvergenceArguments.TryParse(args, out var arguments, out var problem))
{
    await Console.Error.WriteLineAsync(problem);
    await Console.Error.WriteLineAsync(ConvergenceArguments.Usage);
    return arguments.Help ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var clock = Stopwatch.StartNew();
void Log(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] {line}"));

Log($"seed {arguments.Seed}, {arguments.Orders} orders, concurrency {arguments.Concurrency}, {arguments.Replicas} replica(s) of every service, {arguments.BrokerNodes} broker node(s)");
var scenario = ScenarioGenerator.Generate(arguments.Seed, new ScenarioOptions { Orders = arguments.Orders }, DistributedSystem.Secrets);
Log($"generated {scenario.Orders.Count} orders, {scenario.Orders.Sum(o => o.Notifications.Count)} notifications, {scenario.Users.Count} users");

var infrastructure = new InfrastructureFixture();
RabbitMqCluster? cluster = null;
try
{
    Log($"starting PostgreSQL and RabbitMQ (or using {PostgresServer.ConnectionStringVariable} / {RabbitMqBroker.UriVariable})");
    await infrastructure.InitializeAsync();
    Log($"PostgreSQL on port {infrastructure.Postgres.Port}, RabbitMQ on {infrastructure.RabbitMq.Host}:{infrastructure.RabbitMq.Port}; starting the four services");
    var settings = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
    };
    if (arguments.PublishTimeout is { } publishTimeout)
    {
        // A publish not confirmed in time is answered 503 (and may still reach the broker): the provider's retry path.
        settings["Bus__PublishTimeout"] = publishTimeout.ToString("c", CultureInfo.InvariantCulture);
        settings["Logging__LogLevel__Payments.ServiceDefaults.Messaging.ConfirmedPublisher"] = "None";
        Log($"services publish with a {publishTimeout.TotalMilliseconds} ms confirm timeout");
    }

    if (arguments.BrokerNodes > 1)
    {
        cluster = await RabbitMqCluster.StartAsync(arguments.BrokerNodes, cancellation.Token);
        Log($"RabbitMQ cluster of {arguments.BrokerNodes} nodes up in {cluster.StartupTime.TotalSeconds:0} s: {string.Join(", ", cluster.ClusterNodes)}; quorum queues");
    }

    await using var system = await DistributedSystem.StartAsync(infrastructure, settings, new SystemShape { Replicas = arguments.Replicas, Cluster = cluster });
    Log($"services up: {system.Processes.Count} processes; ingress {string.Join(" ", system.Endpoints.IngressReplicas)}, orders {string.Join(" ", system.Endpoints.OrdersReplicas)}, entitlements {system.Entitlements.Url}");

    using var runner = new ConvergenceRunner(
        system.Endpoints,
        new RunnerOptions
        {
            Concurrency = arguments.Concurrency,
            QuietPeriod = arguments.QuietPeriod,
            StallTimeout = TimeSpan.FromMinutes(3),
            QuiescenceTimeout = TimeSpan.FromMinutes(60),
            Log = Log,
        });
    var report = await runner.RunAsync(scenario, cancellation.Token);

    Console.WriteLine();
    Console.WriteLine(report.ToTable());
    if (!report.Passed)
    {
        Console.WriteLine(report.Details(limit: 50));
        Console.WriteLine(system.Output());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay: dotnet run --project tools/Payments.Convergence -- --orders {arguments.Orders} --seed {arguments.Seed} --concurrency {arguments.Concurrency} --replicas {arguments.Replicas} --broker-nodes {arguments.BrokerNodes}"));
        return 1;
    }

    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled");
    return 130;
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }

    await infrastructure.DisposeAsync();
}
