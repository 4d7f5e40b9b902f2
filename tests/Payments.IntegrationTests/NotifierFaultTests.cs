using System.Globalization;
using System.Net;
using System.Text.Json;
using Payments.Contracts;
using Payments.Scenarios.Providers;
using Payments.Scenarios.Running;
using Payments.Simulator;
using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.IntegrationTests;

/// <summary>
/// The Notifier as a fifth process of the multi-process system, broken while payments flow: SIGKILLed with attempts
/// in flight, and cut off from PostgreSQL for 10 s. Its deliveries are durable rows and an attempt holds its
/// delivery by a lease (<c>Notifier:Timeout</c> + <c>Notifier:LeaseGrace</c>), so whatever was not acknowledged is sent again, by the
/// restarted process, under the same webhook-id; and what a game server acknowledged is not sent again. Each test
/// pays RuStore orders through Ingress and Orders, refunds every third once its grant is in the ledger (so both the
/// grant and the revocation are announced), and checks what the game server received against that set.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class NotifierFaultTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    private const string GameServer = "game";
    private const string Sku = "sword";

    /// <summary>Deliveries in flight to the game server at once: the kill comes when all of them hang.</summary>
    private const int EndpointConcurrency = 4;

    /// <summary>Many short retries, so that no delivery runs out of attempts while the game server hangs or the database is down.</summary>
    private static readonly TimeSpan[] RetryDelays = [.. Enumerable.Repeat(TimeSpan.FromSeconds(1), 4), .. Enumerable.Repeat(TimeSpan.FromSeconds(3), 10)];

    private static readonly Dictionary<string, string> Logs = new()
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
        // Every attempt of the Notifier (webhook-id, outcome), for the failure message.
        ["Logging__LogLevel__Payments.Notifier"] = "Information",
    };

    [Fact]
    public async Task A_Notifier_killed_with_attempts_in_flight_delivers_every_grant_and_revocation_after_its_restart_each_webhook_id_acknowledged_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        // Until the kill, the game server holds every request open: nothing is acknowledged that the killed process
        // could not record, so after the restart each webhook-id must be acknowledged exactly once.
        var hold = 0;
        receiver.Behave(GameServer, (_, _) => Volatile.Read(ref hold) == 1 ? WebhookAnswer.Hang(TimeSpan.FromMinutes(5)) : WebhookAnswer.Ok);
        // A short timeout and grace, so that the lease of an attempt cut by the kill (Notifier:Timeout +
        // Notifier:LeaseGrace) runs out soon; one process records its answers well within 10 s.
        await using var system = await StartAsync(receiver, timeout: TimeSpan.FromSeconds(4), leaseGrace: TimeSpan.FromSeconds(10));
        var run = Run.New();
        var settled = run.Orders("settled", 6);
        var cut = run.Orders("cut", 12);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        using var client = ApiCredentials.Tests.Client(timeout: TimeSpan.FromSeconds(10));

        // 1. Orders whose webhooks are acknowledged and recorded before the kill: the restarted process must not send them again.
        await Task.WhenAll(settled.Select(order => PayAsync(client, system, order, deadline.Token)));
        var (before, _) = await NotifierDeliveries.AwaitAsync(system, receiver, GameServer, () => Keys(settled), run.Contains, TimeSpan.FromMinutes(2), log: Log);
        Assert.True(before.Passed, $"before any fault: {before.Describe()}\n{system.Output()}");

        // 2. More orders while every request hangs; the kill comes when all the endpoint's slots hold an attempt.
        Volatile.Write(ref hold, 1);
        var paying = Task.WhenAll(cut.Select(order => PayAsync(client, system, order, deadline.Token)));
        await WaitUntilAsync(() => receiver.Holding >= EndpointConcurrency, TimeSpan.FromMinutes(2), $"{EndpointConcurrency} attempts held open by the game server", system, receiver);
        var notifier = system.Notifier!;
        var holding = receiver.Holding;
        notifier.Kill();
        var beforeKill = receiver.ReceivedBy(GameServer);
        Volatile.Write(ref hold, 0);
        Log($"Notifier SIGKILLed with {holding} attempts in flight; {beforeKill.Count} requests so far, none acknowledged since the game server began to hold");

        await system.RestartNotifierAsync();
        await paying;
        var (verdict, _) = await NotifierDeliveries.AwaitAsync(system, receiver, GameServer, () => Keys([.. settled, .. cut]), run.Contains, TimeSpan.FromMinutes(3), log: Log);
        Log(verdict.Describe());
        var failure = $"{verdict.Describe()}\n{system.Output()}";
        Assert.True(verdict.Passed, failure);

        // The attempts cut by the kill were made again, by the new process, under the same webhook-id.
        var after = receiver.ReceivedBy(GameServer).Skip(beforeKill.Count).ToList();
        var cutIds = beforeKill.Where(r => !r.Acknowledged).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(cutIds.Count >= EndpointConcurrency, $"only {cutIds.Count} webhook-ids were in flight before the kill: {failure}");
        Assert.All(cutIds, id => Assert.True(after.Any(r => r.Id == id && r.Acknowledged), $"{id}, cut by the kill, was never acknowledged afterwards: {failure}"));
    }

    [Fact]
    public async Task Through_a_10_s_database_outage_while_payments_flow_every_grant_and_revocation_is_delivered_each_webhook_id_acknowledged_once()
    {
        if (infrastructure.Postgres.IsExternal)
        {
            throw new InvalidOperationException("This test stops the database; unset PAYMENTS_TEST_POSTGRES.");
        }

        await using var receiver = await WebhookReceiver.StartAsync();

        // The game server takes 1.5 s (within the Notifier's timeout) to acknowledge, so that attempts are in flight
        // when the database stops: their answers arrive while it is down, and must be recorded, not sent again.
        receiver.Behave(GameServer, (_, _) => new WebhookAnswer(204, TimeSpan.FromSeconds(1.5)));

        // A timeout well above the answer's 1.5 s: a 2xx written just as the attempt timed out would be sent again, rightly.
        await using var system = await StartAsync(receiver, timeout: TimeSpan.FromSeconds(15));
        var run = Run.New();
        var orders = run.Orders("outage", 30);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        using var client = ApiCredentials.Tests.Client(timeout: TimeSpan.FromSeconds(10));

        // A steady stream: a new order every 400 ms, each paid (and every third refunded) by a provider that retries until it is answered success.
        var duringOutage = 0;
        var outage = 0;
        var paying = Task.WhenAll(orders.Select(async (order, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400 * i), deadline.Token);
            await PayAsync(client, system, order, deadline.Token, onSend: () =>
            {
                if (Volatile.Read(ref outage) == 1)
                {
                    Interlocked.Increment(ref duringOutage);
                }
            });
        }));

        // The database goes while webhooks are being delivered, with every slot of the endpoint holding an attempt.
        await WaitUntilAsync(
            () => receiver.ReceivedBy(GameServer).Count(r => r.Acknowledged) >= 3 && receiver.Holding >= EndpointConcurrency,
            TimeSpan.FromMinutes(2),
            $"the first webhooks acknowledged and {EndpointConcurrency} attempts in flight",
            system,
            receiver);
        try
        {
            Volatile.Write(ref outage, 1);
            var holding = receiver.Holding;
            await infrastructure.Postgres.StopAsync();
            Log($"database stopped with {holding} attempts in flight; {receiver.ReceivedBy(GameServer).Count} webhook requests so far");
            await Task.Delay(TimeSpan.FromSeconds(10), deadline.Token);
        }
        finally
        {
            // Whatever happened, the shared database must be up for the next test.
            await infrastructure.Postgres.StartAgainAsync();
            Volatile.Write(ref outage, 0);
        }

        Log($"database started again; {Volatile.Read(ref duringOutage)} payment requests were sent while it was down");
        await paying;
        await Task.WhenAll(system.AllProcesses.Select(p => p.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(180))));
        var (verdict, _) = await NotifierDeliveries.AwaitAsync(system, receiver, GameServer, () => Keys(orders), run.Contains, TimeSpan.FromMinutes(3), log: Log);
        Log(verdict.Describe());
        var failure = $"{verdict.Describe()}\n{system.Output()}";
        Assert.True(Volatile.Read(ref duringOutage) > 0, $"no payment was sent while the database was down: {failure}");
        Assert.True(verdict.Passed, failure);
    }

    private Task<DistributedSystem> StartAsync(WebhookReceiver receiver, TimeSpan timeout, TimeSpan? leaseGrace = null)
    {
        var notifier = NotifierSettings.Endpoint(receiver, GameServer, WebhookKey.Granted, WebhookKey.Revoked);
        if (leaseGrace is { } grace)
        {
            notifier["Notifier__LeaseGrace"] = grace.ToString("c", CultureInfo.InvariantCulture);
        }

        notifier[$"Notifier__Endpoints__{GameServer}__MaxConcurrency"] = EndpointConcurrency.ToString(CultureInfo.InvariantCulture);
        notifier["Notifier__PollInterval"] = "00:00:00.500";
        foreach (var (key, value) in NotifierSettings.Timing(timeout, RetryDelays))
        {
            notifier[key] = value;
        }

        return DistributedSystem.StartAsync(infrastructure, Logs, new SystemShape { Notifier = notifier });
    }

    /// <summary>
    /// Registers the order, sends RuStore's <c>confirmed</c>, and for an order to refund, once the grant is in the
    /// ledger (the entitlements API, not the Notifier, says so), RuStore's <c>refunded</c>: each request re-sent until
    /// answered success, as the game backend and the provider do.
    /// </summary>
    private static async Task PayAsync(HttpClient client, DistributedSystem system, TestOrder order, CancellationToken cancellationToken, Action? onSend = null)
    {
        var registration = new OrderRegistration { UserId = order.UserId, Items = [new OrderItem { Sku = Sku, Quantity = 1 }] };
        await SendUntilAcceptedAsync(client, new Uri(system.Orders.Url), OrderRequests.Place(order.Reference, registration), onSend, cancellationToken);
        await SendUntilAcceptedAsync(client, new Uri(system.Ingress.Url), Notification(order, "confirmed"), onSend, cancellationToken);
        if (!order.Refunded)
        {
            return;
        }

        while (!await IsGrantedAsync(client, new Uri(system.Entitlements.Url), order, cancellationToken))
        {
            await Task.Delay(200, cancellationToken);
        }

        await SendUntilAcceptedAsync(client, new Uri(system.Ingress.Url), Notification(order, "refunded"), onSend, cancellationToken);
    }

    private static ProviderRequest Notification(TestOrder order, string status) =>
        PaymentPath.RuStoreNotification(DistributedSystem.Account, DistributedSystem.RuStoreKey, order.ProviderOrderId, status, Sku);

    private static async Task SendUntilAcceptedAsync(HttpClient client, Uri baseAddress, ProviderRequest request, Action? onSend, CancellationToken cancellationToken)
    {
        while (true)
        {
            onSend?.Invoke();
            try
            {
                using var message = request.ToHttpRequest(baseAddress);
                using var response = await client.SendAsync(message, cancellationToken);
                if (request.Answer.Matches(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // No answer: sent again, like any other failure.
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<bool> IsGrantedAsync(HttpClient client, Uri entitlements, TestOrder order, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(entitlements, $"/users/{order.UserId}/entitlements"), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return view.RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("orderId").GetGuid() == order.OrderId);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Each order's grant, and its revocation when it is refunded.</summary>
    private static IReadOnlyCollection<WebhookKey> Keys(IEnumerable<TestOrder> orders) =>
        [.. orders.SelectMany(o => o.Refunded
            ? new[] { new WebhookKey(o.OrderId, Sku, WebhookKey.Granted), new WebhookKey(o.OrderId, Sku, WebhookKey.Revoked) }
            : [new WebhookKey(o.OrderId, Sku, WebhookKey.Granted)])];

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, DistributedSystem system, WebhookReceiver receiver)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never saw {what} within {timeout.TotalSeconds:0} s; the game server holds {receiver.Holding} requests and received " +
                $"{string.Join(", ", receiver.Received.GroupBy(r => r.Answer).Select(g => $"{g.Count()} answered {g.Key}"))}\n{system.Output()}");
            await Task.Delay(20);
        }
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));
        }
        catch (InvalidOperationException)
        {
            // After the test ended.
        }
    }

    /// <summary>One RuStore order of a test: its own user, refunded or not.</summary>
    private sealed record TestOrder(string ProviderOrderId, string UserId, bool Refunded)
    {
        public OrderReference Reference { get; } = new()
        {
            Provider = PaymentProviders.RuStore,
            Account = DistributedSystem.Account,
            Environment = PaymentEnvironments.Production,
            ProviderOrderId = ProviderOrderId,
        };

        public Guid OrderId => Reference.ToOrderId();
    }

    /// <summary>The orders of one test run, under a prefix of their own: the broker and the database server are shared.</summary>
    private sealed class Run
    {
        private readonly string _prefix = $"nf-{Guid.NewGuid():N}"[..15];
        private readonly HashSet<Guid> _orders = [];

        public static Run New() => new();

        /// <summary><paramref name="count"/> new orders, every third of them refunded.</summary>
        public List<TestOrder> Orders(string name, int count)
        {
            var orders = Enumerable.Range(1, count)
                .Select(i => new TestOrder($"{_prefix}-{name}-{i}", $"{_prefix}-{name}-user-{i}", Refunded: i % 3 == 0))
                .ToList();
            _orders.UnionWith(orders.Select(o => o.OrderId));
            return orders;
        }

        public bool Contains(Guid orderId) => _orders.Contains(orderId);
    }
}
