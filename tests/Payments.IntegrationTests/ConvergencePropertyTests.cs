using System.Globalization;
using Payments.Contracts;
using Payments.Scenarios.Generation;
using Payments.Scenarios.Running;
using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.IntegrationTests;

/// <summary>
/// The invariant of docs/architecture.md#the-job-and-the-invariant through the real pipeline — four processes over RabbitMQ and PostgreSQL, real HTTP:
/// random orders across RuStore, Xsolla and RoboKassa, every notification delivered 1–3 times, shuffled across
/// all orders and sent concurrently, must end in exactly the entitlements that the SET of notifications (and the
/// registrations) determines — none missing, none doubled, none active after a refund, nothing else.
/// <para>
/// The Notifier runs as a fifth process with a game server subscribed to grants and revocations: every grant and
/// revocation the run published reaches it, acknowledged, under one webhook-id each, and nothing else does.
/// </para>
/// <para>
/// The seed is random per run and printed; <c>PAYMENTS_CONVERGENCE_SEED</c> replays one, and
/// <c>PAYMENTS_CONVERGENCE_ORDERS</c> raises the number of orders (never below 500). For 10,000 orders and a table
/// of counts: <c>dotnet run --project tools/Payments.Convergence -- --orders 10000</c>.
/// </para>
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class ConvergencePropertyTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    public const string SeedVariable = "PAYMENTS_CONVERGENCE_SEED";
    public const string OrdersVariable = "PAYMENTS_CONVERGENCE_ORDERS";
    public const int MinimumOrders = 500;

    /// <summary>The game server's endpoint, subscribed to grants and revocations (not to order status changes).</summary>
    internal const string GameServer = "game";

    private static readonly string[] Environments = [PaymentEnvironments.Production, PaymentEnvironments.Sandbox];

    [Fact]
    public async Task Final_entitlements_equal_the_function_of_the_notification_set_for_500_random_orders_delivered_1_to_3_times_shuffled_and_concurrently()
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var orders = Math.Max(MinimumOrders, int.TryParse(Environment.GetEnvironmentVariable(OrdersVariable), CultureInfo.InvariantCulture, out var count) ? count : 0);
        var replay = $"seed {seed}, {orders} orders (replay: {SeedVariable}={seed} {OrdersVariable}={orders})";
        output.WriteLine(replay);

        var scenario = ScenarioGenerator.Generate(seed, new ScenarioOptions { Orders = orders }, DistributedSystem.Secrets);
        AssertCoversEveryCase(scenario, replay);

        await using var receiver = await WebhookReceiver.StartAsync();
        var shape = new SystemShape { Notifier = NotifierSettings.Endpoint(receiver, GameServer, WebhookKey.Granted, WebhookKey.Revoked) };

        // Bound before any service starts, so that it sees every grant and revocation the run publishes.
        await using var tap = await EntitlementEventTap.StartAsync(BrokerAccess.Of(infrastructure, shape));
        await using var system = await DistributedSystem.StartAsync(
            infrastructure,
            new Dictionary<string, string>
            {
                // Warnings and errors only: the last 400 lines of each process then say what went wrong, if anything did.
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__MassTransit"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            },
            shape);
        using var runner = new ConvergenceRunner(
            new SystemEndpoints(new Uri(system.Ingress.Url), new Uri(system.Orders.Url), new Uri(system.Entitlements.Url)),
            new RunnerOptions
            {
                Concurrency = 32,
                StallTimeout = TimeSpan.FromSeconds(60),
                QuiescenceTimeout = TimeSpan.FromMinutes(5),
                Log = line => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}"),
            });

        var report = await runner.RunAsync(scenario);
        output.WriteLine(report.ToTable());
        var failure = $"{replay}\n{report.ToTable()}\n{report.Details()}";
        if (!report.Passed)
        {
            output.WriteLine(system.Output());
        }

        AssertExactlyTheExpectedEntitlements(report, failure);
        await AssertEveryGrantAndRevocationReachedTheGameServerOnceAsync(system, receiver, tap, scenario, line => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}"), replay);
    }

    /// <summary>
    /// Once the entitlements converged: every grant and revocation the run published (read from the broker by
    /// <paramref name="tap"/>, and checked against the ledger's history of the run's users) reached the game server
    /// acknowledged, under one webhook-id each, none acknowledged twice, and the game server received nothing else
    /// about the run's orders. The Notifier is given time to catch up: polled until it has nothing pending.
    /// </summary>
    internal static async Task AssertEveryGrantAndRevocationReachedTheGameServerOnceAsync(
        DistributedSystem system, WebhookReceiver receiver, EntitlementEventTap tap, Scenario scenario, Action<string> log, string replay)
    {
        var orders = scenario.Orders.Select(o => o.OrderId).ToHashSet();
        IReadOnlyCollection<WebhookKey> Published() => [.. tap.Events.Select(e => e.Key).Where(k => orders.Contains(k.OrderId)).Distinct()];
        var queries = scenario.Users.SelectMany(user => Environments.Select(environment => (environment, user))).ToList();
        var neverAnnounced = 0;
        async Task<IReadOnlyList<string>> AgreesWithTheLedgerAsync()
        {
            var ledger = await EntitlementHistory.ReadAsync(new Uri(system.Entitlements.Url), queries);
            return EntitlementHistory.Disagreements([.. ledger.Where(l => orders.Contains(l.OrderId))], Published(), out neverAnnounced);
        }

        var (verdict, disagreements) = await NotifierDeliveries.AwaitAsync(
            system, receiver, GameServer, Published, orders.Contains, TimeSpan.FromMinutes(3), AgreesWithTheLedgerAsync, log);
        var published = Published();
        log(verdict.Describe());
        log($"published: {published.Count(k => k.Type == WebhookKey.Granted)} grants, {published.Count(k => k.Type == WebhookKey.Revoked)} revocations; " +
            $"{neverAnnounced} ledger lines revoked before their grant was written (announced neither way)");

        var failure = $"{replay}\n{verdict.Describe()}\n{string.Join('\n', disagreements.Take(20))}\n=== {DistributedSystem.NotifierHost} ===\n{system.Notifier?.RecentOutput}";
        Assert.True(tap.Unreadable == 0, $"{tap.Unreadable} messages on the outcomes' exchanges could not be read: {failure}");
        Assert.True(published.Any(k => k.Type == WebhookKey.Granted) && published.Any(k => k.Type == WebhookKey.Revoked), $"the run published no grant or no revocation, so the webhooks prove little: {failure}");
        Assert.True(disagreements.Count == 0, $"the published grants and revocations disagree with the ledger: {failure}");
        Assert.True(verdict.Passed, $"the game server's webhooks differ from the grants and revocations the run published: {failure}");
    }

    /// <summary>
    /// The property, for every convergence run of this assembly: only success or 503 answered, and once quiescent the
    /// entitlements are exactly the expected ones — none lost, doubled, left after a refund or unexpected, every
    /// user's totals right.
    /// </summary>
    internal static void AssertExactlyTheExpectedEntitlements(ConvergenceReport report, string failure)
    {
        var verdict = report.Verdict;
        Assert.True(report.UnexpectedAnswers == 0, $"answers other than the provider's success or 503: {failure}");
        Assert.True(verdict.Missing == 0, $"lost grants: {failure}");
        Assert.True(verdict.Doubled == 0, $"doubled grants: {failure}");
        Assert.True(verdict.GrantedAfterRefund == 0, $"grants active after a refund or reversal: {failure}");
        Assert.True(verdict.Unexpected == 0, $"unexpected grants: {failure}");
        Assert.True(verdict.WrongUserTotals == 0, $"per-user totals differ: {failure}");
        Assert.True(verdict.ActualGrants == verdict.ExpectedGrants, $"{verdict.ActualGrants} grants, expected {verdict.ExpectedGrants}: {failure}");
        Assert.True(report.Quiescent, $"the entitlements never stopped changing: {failure}");
    }

    /// <summary>The generated set must exercise what the property is about, or a pass would prove little.</summary>
    private static void AssertCoversEveryCase(Scenario scenario, string replay)
    {
        var expectations = ExpectedEntitlements.Of(scenario.Orders);
        foreach (var provider in PaymentProviders.All)
        {
            Assert.True(scenario.Orders.Any(o => o.Reference.Provider == provider), $"no {provider} order; {replay}");
        }

        foreach (var outcome in Enum.GetValues<ExpectedOutcome>())
        {
            Assert.True(expectations.Any(e => e.Outcome == outcome), $"no order expected to end {outcome}; {replay}");
        }

        foreach (var timing in Enum.GetValues<RegistrationTiming>())
        {
            Assert.True(scenario.Orders.Any(o => o.Timing == timing), $"no order registered {timing}; {replay}");
        }

        Assert.True(scenario.Orders.Any(o => o.IsSandbox), $"no sandbox order; {replay}");
        Assert.True(expectations.Any(e => e.Order.IsSandbox && e.Outcome == ExpectedOutcome.Active), $"no sandbox order to grant; {replay}");
        Assert.True(scenario.Orders.Any(o => o.Lifecycle.StartsWith("combined", StringComparison.Ordinal)), $"no Xsolla combined-mode order; {replay}");
        Assert.True(scenario.Orders.Any(o => o.Lifecycle.Contains("partial_refund", StringComparison.Ordinal)), $"no Xsolla partial refund; {replay}");
        Assert.True(
            expectations.Where(e => e.Outcome == ExpectedOutcome.Active).GroupBy(e => e.UserId).Any(g => g.Count() > 1),
            $"no user with several active orders, so no sums are checked; {replay}");
    }
}
