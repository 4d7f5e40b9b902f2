using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
await using var gameServer = await WebhookReceiver.StartAsync();
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

    // The Notifier too, delivering grants and revocations to a game server on loopback: the run also measures how long
    // a grant takes to reach a game server.
    var shape = new SystemShape
    {
        Replicas = arguments.Replicas,
        Cluster = cluster,
        Notifier = new Dictionary<string, string>(NotifierSettings.Endpoint(gameServer, "game", "entitlement.granted", "entitlement.revoked"))
        {
            ["Notifier__Endpoints__game__MaxConcurrency"] = arguments.NotifierConcurrency.ToString(CultureInfo.InvariantCulture),
        },
    };
    await using var system = await DistributedSystem.StartAsync(infrastructure, settings, shape);
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
    var duplicated = await ReportDeliveriesAsync(gameServer, new Uri(system.Notifier!.Url), Log, cancellation.Token);
    if (!report.Passed)
    {
        Console.WriteLine(report.Details(limit: 50));
        Console.WriteLine(system.Output());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay: dotnet run --project tools/Payments.Convergence -- --orders {arguments.Orders} --seed {arguments.Seed} --concurrency {arguments.Concurrency} --replicas {arguments.Replicas} --broker-nodes {arguments.BrokerNodes}"));
        return 1;
    }

    return duplicated == 0 ? 0 : 1;
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

// Waits until the game server has heard nothing new for 10 s, then prints what reached it and, from the Notifier's
// own record of each delivery (GET /notifier/orders/{orderId}/deliveries), how long it took from the moment the
// Notifier stored the event to the game server's acknowledgement; returns how many webhook-ids were acknowledged more
// than once.
static async Task<int> ReportDeliveriesAsync(WebhookReceiver gameServer, Uri notifier, Action<string> log, CancellationToken cancellationToken)
{
    var seen = -1;
    while (gameServer.Received.Count != seen)
    {
        seen = gameServer.Received.Count;
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
    }

    var acknowledged = gameServer.Received.Where(r => r.Acknowledged).ToList();
    var ids = acknowledged.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    var duplicated = acknowledged.Count - ids.Count;
    var orders = acknowledged
        .Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            return body.RootElement.GetProperty("data").GetProperty("orderId").GetGuid();
        })
        .Distinct()
        .ToList();

    using var api = ApiCredentials.Tests.Client(notifier);
    var latencies = new List<double>();
    var waits = new List<double>();
    var answers = new List<double>();
    foreach (var order in orders)
    {
        using var view = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/notifier/orders/{order}/deliveries", UriKind.Relative), cancellationToken));
        foreach (var delivery in view.RootElement.GetProperty("deliveries").EnumerateArray())
        {
            var created = delivery.GetProperty("createdAt").GetDateTimeOffset();
            var success = delivery.GetProperty("attempts").EnumerateArray().FirstOrDefault(a => a.GetProperty("outcome").GetString() == "succeeded");
            if (success.ValueKind == JsonValueKind.Object)
            {
                var wait = (success.GetProperty("at").GetDateTimeOffset() - created).TotalMilliseconds;
                var answer = success.GetProperty("durationMs").GetInt32();
                latencies.Add(wait + answer);
                waits.Add(wait);
                answers.Add(answer);
            }
        }
    }

    latencies.Sort();
    waits.Sort();
    answers.Sort();
    double Of(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
    double At(double p) => Of(latencies, p);
    log(string.Create(
        CultureInfo.InvariantCulture,
        $"game server: {ids.Count} webhooks acknowledged ({gameServer.Received.Count} requests), {duplicated} acknowledged twice; " +
        $"stored by the Notifier to acknowledged ({latencies.Count}): p50 {At(0.50):0} ms, p95 {At(0.95):0} ms, p99 {At(0.99):0} ms, max {At(1.0):0} ms " +
        $"(waiting for a slot p50 {Of(waits, 0.5):0} / p95 {Of(waits, 0.95):0} ms, the game server's answer p50 {Of(answers, 0.5):0} / p95 {Of(answers, 0.95):0} ms)"));
    return duplicated;
}
