using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Payments.Contracts;
using Payments.Scenarios.Generation;
using Payments.Scenarios.Providers;

namespace Payments.Scenarios.Running;

/// <summary>
/// Runs a <see cref="Scenario"/> against a live system over real HTTP:
/// <list type="number">
/// <item>registers the "before" orders and waits until the order API shows each of them;</item>
/// <item>delivers every notification 1–<see cref="RunnerOptions.MaxCopies"/> times and the "concurrent"
/// registrations 1–2 times, shuffled across all orders, <see cref="RunnerOptions.Concurrency"/> in flight; a 503
/// (or no answer) is what makes a provider retry later, so that delivery is re-queued; any other answer must be
/// the provider's own success answer;</item>
/// <item>registers the "after" orders (1–2 times);</item>
/// <item>waits until every expected grant is visible and two snapshots of every user's entitlements, production and
/// sandbox, <see cref="RunnerOptions.QuietPeriod"/> apart, are equal;</item>
/// <item>compares the snapshot with <see cref="ExpectedEntitlements"/>.</item>
/// </list>
/// </summary>
public sealed class ConvergenceRunner : IDisposable
{
    private static readonly string[] Environments = [PaymentEnvironments.Production, PaymentEnvironments.Sandbox];

    private readonly SystemEndpoints _endpoints;
    private readonly RunnerOptions _options;
    private readonly HttpClient _client;

    public ConvergenceRunner(SystemEndpoints endpoints, RunnerOptions? options = null)
    {
        _endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        _options = options ?? new RunnerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxCopies, 1);
        _client = endpoints.Credentials.Client(
            timeout: TimeSpan.FromSeconds(30),
            inner: new SocketsHttpHandler
            {
                MaxConnectionsPerServer = _options.Concurrency,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
    }

    public async Task<ConvergenceReport> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var total = Stopwatch.StartNew();
        var random = new Random(unchecked(scenario.Seed * 31 + 7));
        var expectations = ExpectedEntitlements.Of(scenario.Orders);
        var stats = new DeliveryStats();

        // 1. Registrations that precede every notification, awaited until the saga has them.
        var phase = Stopwatch.StartNew();
        var before = scenario.Orders.Where(o => o.Timing == RegistrationTiming.Before).ToList();
        Log($"registering {before.Count} orders before any notification");
        await DeliverAsync("register-before", [.. before.Select(Delivery.Registration)], stats, cancellationToken);
        await WaitUntilRegisteredAsync(before, cancellationToken);
        var registrationTime = phase.Elapsed;

        // 2. Every notification 1–MaxCopies times and the concurrent registrations, shuffled across all orders.
        phase.Restart();
        var deliveries = new List<Delivery>();
        foreach (var order in scenario.Orders)
        {
            foreach (var notification in order.Notifications)
            {
                for (var copy = random.Next(1, _options.MaxCopies + 1); copy > 0; copy--)
                {
                    deliveries.Add(Delivery.Of(notification));
                }
            }

            if (order.Timing == RegistrationTiming.Concurrent)
            {
                for (var copy = random.Next(1, 3); copy > 0; copy--)
                {
                    deliveries.Add(Delivery.Registration(order));
                }
            }
        }

        var shuffled = deliveries.ToArray();
        random.Shuffle(shuffled);
        Log($"delivering {shuffled.Length} requests ({scenario.Orders.Sum(o => o.Notifications.Count)} notifications, each 1–{_options.MaxCopies}×, plus concurrent registrations), {_options.Concurrency} in flight");
        await DeliverAsync("deliver", shuffled, stats, cancellationToken);

        // 3. Registrations after every notification was answered.
        var after = scenario.Orders.Where(o => o.Timing == RegistrationTiming.After)
            .SelectMany(o => Enumerable.Repeat(o, random.Next(1, 3)))
            .Select(Delivery.Registration)
            .ToArray();
        random.Shuffle(after);
        Log($"registering {after.Length} late registrations");
        await DeliverAsync("register-after", after, stats, cancellationToken);
        var deliveryTime = phase.Elapsed;

        // 4. Quiescence, 5. comparison.
        phase.Restart();
        var (verdict, quiescent) = await AwaitQuiescenceAsync(scenario, expectations, stats, cancellationToken);
        var quiescenceTime = phase.Elapsed;
        var diagnostics = verdict.Converged ? [] : await DescribeOrdersAsync(verdict, cancellationToken);

        return new ConvergenceReport
        {
            Scenario = scenario,
            Expectations = expectations,
            Stats = stats,
            Verdict = verdict,
            Quiescent = quiescent,
            OrderDiagnostics = diagnostics,
            Concurrency = _options.Concurrency,
            RegistrationTime = registrationTime,
            DeliveryTime = deliveryTime,
            QuiescenceTime = quiescenceTime,
            TotalTime = total.Elapsed,
        };
    }

    public void Dispose() => _client.Dispose();

    private async Task DeliverAsync(string phase, Delivery[] deliveries, DeliveryStats stats, CancellationToken cancellationToken)
    {
        if (deliveries.Length == 0)
        {
            return;
        }

        var channel = Channel.CreateUnbounded<Delivery>();
        foreach (var delivery in deliveries)
        {
            channel.Writer.TryWrite(delivery);
        }

        var remaining = deliveries.Length;
        var retryRandom = new Random(deliveries.Length);
        void Done()
        {
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                channel.Writer.TryComplete();
            }
        }

        using var progress = Progress(() =>
            $"{phase}: {deliveries.Length - Volatile.Read(ref remaining)}/{deliveries.Length} answered, {stats.ServiceUnavailable} × 503, {stats.TransportRetries} transport retries");
        var workers = Enumerable.Range(0, _options.Concurrency).Select(async worker =>
        {
            await foreach (var delivery in channel.Reader.ReadAllAsync(cancellationToken))
            {
                delivery.Attempts++;
                var answer = await SendAsync(delivery, cancellationToken);
                switch (answer)
                {
                    case SendResult.Success:
                        stats.Delivered(delivery.Target, delivery.Order.Index);
                        Done();
                        break;
                    case SendResult.Unavailable or SendResult.NoAnswer when delivery.Attempts < _options.MaxAttempts:
                        if (answer == SendResult.Unavailable)
                        {
                            stats.Unavailable();
                        }
                        else
                        {
                            stats.TransportRetry();
                        }

                        // The provider retries later: back into the queue after a short pause.
                        int pause;
                        lock (retryRandom)
                        {
                            pause = retryRandom.Next(100, 1000);
                        }

                        _ = Task.Delay(pause, CancellationToken.None).ContinueWith(delay => channel.Writer.TryWrite(delivery), TaskScheduler.Default);
                        break;
                    case SendResult.Unavailable or SendResult.NoAnswer:
                        stats.Unexpected($"{delivery.Order} {delivery.Kind}: still no success after {delivery.Attempts} attempts");
                        Done();
                        break;
                    default:
                        Done();
                        break;
                }
            }
        }).ToList();
        await Task.WhenAll(workers);

        async Task<SendResult> SendAsync(Delivery delivery, CancellationToken ct)
        {
            var request = delivery.CreateRequest();
            var baseAddress = _endpoints.Next(delivery.Target);
            try
            {
                using var message = request.ToHttpRequest(baseAddress);
                using var response = await _client.SendAsync(message, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return SendResult.Unavailable;
                }

                if (request.Answer.Matches(response.StatusCode, body))
                {
                    return SendResult.Success;
                }

                stats.Unexpected($"{delivery.Order} {delivery.Kind}: answered {(int)response.StatusCode} \"{Truncate(body)}\", expected {request.Answer}");
                return SendResult.Refused;
            }
            catch (HttpRequestException)
            {
                return SendResult.NoAnswer;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return SendResult.NoAnswer;
            }
        }
    }

    private async Task WaitUntilRegisteredAsync(List<ScenarioOrder> orders, CancellationToken cancellationToken)
    {
        var lastProgress = Environment.TickCount64;
        var visible = 0;
        using var progress = Progress(() => $"register-before: {Volatile.Read(ref visible)}/{orders.Count} orders visible in GET /orders");
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken }, async (order, ct) =>
        {
            while (true)
            {
                using var response = await _client.GetAsync(new Uri(_endpoints.Orders, OrderRequests.ViewPath(order.Reference)), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                if (Environment.TickCount64 - Interlocked.Read(ref lastProgress) > _options.StallTimeout.TotalMilliseconds)
                {
                    throw new TimeoutException($"Order {order} was registered (202) but GET /orders did not show it; no registration became visible for {_options.StallTimeout}.");
                }

                await Task.Delay(200, ct);
            }

            Interlocked.Increment(ref visible);
            Interlocked.Exchange(ref lastProgress, Environment.TickCount64);
        });
    }

    /// <summary>
    /// Waits until each order's timeline (<c>GET /orders/…</c>) records at least as many provider events and
    /// registrations as were answered with success: each accepted delivery becomes exactly one <c>payment.*</c> or
    /// <c>order.placed</c> entry or one more on an entry's <c>duplicates</c> count; a 503 whose publish landed anyway adds one more.
    /// Then the saga has seen everything and only its outcomes may still be on their way to Entitlements. Not
    /// being drained is reported in the log, not judged: the entitlements are.
    /// </summary>
    private async Task AwaitDrainedAsync(Scenario scenario, DeliveryStats stats, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pending = scenario.Orders.Where(o => stats.AcceptedPerOrder.ContainsKey(o.Index)).ToList();
        var total = pending.Count;
        var remaining = total;
        var lastProgress = clock.Elapsed;
        using (Progress(() => $"drain: {total - Volatile.Read(ref remaining)}/{total} orders have recorded every accepted delivery"))
        {
            while (pending.Count > 0 && clock.Elapsed - lastProgress < _options.StallTimeout && clock.Elapsed < _options.QuiescenceTimeout)
            {
                // In batches: each order's view carries its whole timeline, and the order API shares
                // its process and database with the saga, so asking for every order each round would slow both.
                var batch = pending.Take(_options.Concurrency * 16).ToList();
                var drained = new ConcurrentBag<ScenarioOrder>();
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken }, async (order, ct) =>
                {
                    using var response = await _client.GetAsync(new Uri(_endpoints.Orders, OrderRequests.ViewPath(order.Reference)), ct);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return;
                    }

                    using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    var recorded = view.RootElement.GetProperty("timeline").EnumerateArray()
                        .Where(e => e.GetProperty("event").GetString() is { } name && (name.StartsWith("payment.", StringComparison.Ordinal) || name == "order.placed"))
                        .Sum(e => 1 + e.GetProperty("duplicates").GetInt32())
                        + view.RootElement.GetProperty("timelineFolded").GetInt32();
                    if (recorded >= stats.AcceptedPerOrder[order.Index])
                    {
                        drained.Add(order);
                    }
                });

                // The batch's undrained orders go to the back, so the next round looks at others.
                pending = [.. pending.Skip(batch.Count), .. batch.Except(drained)];
                if (!drained.IsEmpty)
                {
                    Volatile.Write(ref remaining, pending.Count);
                    lastProgress = clock.Elapsed;
                }

                if (pending.Count > 0 && drained.Count < batch.Count / 2)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }

        Log(pending.Count == 0
            ? $"every accepted delivery is recorded on its order after {clock.Elapsed.TotalSeconds:0.0} s"
            : $"{pending.Count} orders have not recorded every accepted delivery after {clock.Elapsed.TotalSeconds:0.0} s, e.g. {pending[0]}");
    }

    /// <summary>
    /// Waits for every expected grant to be listed (as long as that makes progress), for every order to have recorded
    /// every accepted delivery, then for two equal snapshots <see cref="RunnerOptions.QuietPeriod"/> apart. A snapshot that still violates the expectation is taken again a
    /// few times (a revocation may still be in a retry), and the last one is the verdict.
    /// </summary>
    private async Task<(ConvergenceVerdict Verdict, bool Quiescent)> AwaitQuiescenceAsync(
        Scenario scenario, IReadOnlyList<OrderExpectation> expectations, DeliveryStats stats, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var expected = expectations.SelectMany(e => e.Grants).GroupBy(g => (g.Environment, g.UserId)).ToDictionary(g => g.Key, g => g.ToList());
        var pending = expected.Keys.ToHashSet();
        var lastProgress = clock.Elapsed;
        var complete = 0;
        using (Progress(() => $"quiescence: {Volatile.Read(ref complete)}/{expected.Count} users have all their expected grants"))
        {
            while (pending.Count > 0 && clock.Elapsed - lastProgress < _options.StallTimeout && clock.Elapsed < _options.QuiescenceTimeout)
            {
                var snapshot = await SnapshotAsync(pending.ToList(), cancellationToken);
                var listed = snapshot.Lines.GroupBy(l => (l.Environment, l.UserId)).ToDictionary(g => g.Key, g => g.ToList());
                var done = pending.Where(key => expected[key].All(g =>
                    listed.GetValueOrDefault(key)?.Any(l => l.OrderId == g.OrderId && l.Sku == g.Sku && l.Quantity >= g.Quantity) == true)).ToList();
                if (done.Count > 0)
                {
                    pending.ExceptWith(done);
                    lastProgress = clock.Elapsed;
                    Interlocked.Exchange(ref complete, expected.Count - pending.Count);
                }

                if (pending.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }

        Log(pending.Count == 0
            ? $"every expected grant is listed after {clock.Elapsed.TotalSeconds:0.0} s; waiting for quiescence"
            : $"{pending.Count} users still lack expected grants after {clock.Elapsed.TotalSeconds:0.0} s; waiting for quiescence anyway");

        // Every order has seen every accepted delivery; then only outcomes on their way to Entitlements may be missing.
        await AwaitDrainedAsync(scenario, stats, cancellationToken);

        var everyone = scenario.Users.SelectMany(user => Environments.Select(environment => (environment, user))).ToList();
        var previous = await SnapshotAsync(everyone, cancellationToken);
        var quiescent = false;
        var settleAttempts = 0;
        while (true)
        {
            await Task.Delay(_options.QuietPeriod, cancellationToken);
            var current = await SnapshotAsync(everyone, cancellationToken);
            var stable = current.SameAs(previous);
            previous = current;
            if (!stable)
            {
                Log($"entitlements still changing ({current.Lines.Count} active lines)");
                if (clock.Elapsed < _options.QuiescenceTimeout)
                {
                    continue;
                }

                return (ConvergenceVerdict.Compare(expectations, current), false);
            }

            quiescent = true;
            var verdict = ConvergenceVerdict.Compare(expectations, current);
            if (verdict.Converged || settleAttempts >= 2 || clock.Elapsed >= _options.QuiescenceTimeout)
            {
                Log($"quiescent after {clock.Elapsed.TotalSeconds:0.0} s: {current.Lines.Count} active lines over {everyone.Count} user/environment queries");
                return (verdict, quiescent);
            }

            // Stable but wrong: give a slow retry (up to ~9 s of MassTransit redelivery) the chance to land before judging.
            settleAttempts++;
            Log($"stable but {verdict.Violations.Count} violations; checking again ({settleAttempts}/2)");
            await Task.Delay(_options.QuietPeriod * 2, cancellationToken);
        }
    }

    private async Task<EntitlementSnapshot> SnapshotAsync(IReadOnlyList<(string Environment, string UserId)> queries, CancellationToken cancellationToken)
    {
        var lines = new ConcurrentBag<ActualLine>();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken }, async (query, ct) =>
        {
            var path = $"/users/{Uri.EscapeDataString(query.UserId)}/entitlements?environment={query.Environment}";
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var json = await _client.GetStringAsync(new Uri(_endpoints.Entitlements, path), ct);
                    foreach (var line in EntitlementSnapshot.Parse(query.Environment, query.UserId, json))
                    {
                        lines.Add(line);
                    }

                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && attempt < 5)
                {
                    await Task.Delay(500, ct);
                }
            }
        });
        return new EntitlementSnapshot([.. lines]);
    }

    /// <summary>The order API's view (status, flags, timeline) of the first orders a violation names, for the report.</summary>
    private async Task<IReadOnlyList<string>> DescribeOrdersAsync(ConvergenceVerdict verdict, CancellationToken cancellationToken)
    {
        var descriptions = new List<string>();
        foreach (var order in verdict.Violations.Select(v => v.Order).OfType<ScenarioOrder>().Distinct().Take(12))
        {
            try
            {
                var json = await _client.GetStringAsync(new Uri(_endpoints.Orders, OrderRequests.ViewPath(order.Reference)), cancellationToken);
                using var view = JsonDocument.Parse(json);
                var root = view.RootElement;
                var timeline = string.Join("; ", root.GetProperty("timeline").EnumerateArray().Select(e =>
                    $"{e.GetProperty("event").GetString()} [{e.GetProperty("source").GetString()}] {(e.GetProperty("applied").GetBoolean() ? "applied" : "ignored")}"
                    + (e.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? $" ({reason.GetString()})" : "")));
                descriptions.Add(
                    $"{order}\n    notifications: {string.Join(", ", order.Notifications.Select(n => n.Kind))}\n"
                    + $"    status {root.GetProperty("status").GetString()}, user {root.GetProperty("userId")}, granted {root.GetProperty("granted")}, revoked {root.GetProperty("revoked")}, "
                    + $"awaitingDetails {root.GetProperty("awaitingDetails")}, amountMismatch {root.GetProperty("amountMismatch")}\n    timeline: {timeline}");
            }
            catch (HttpRequestException ex)
            {
                descriptions.Add($"{order}\n    GET /orders failed: {ex.Message}");
            }
        }

        return descriptions;
    }

    private void Log(string line) => _options.Log?.Invoke(line);

    private Timer Progress(Func<string> describe) =>
        _options.Log is null ? new Timer(_ => { }) : new Timer(_ => Log(describe()), null, _options.ProgressInterval, _options.ProgressInterval);

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    private enum SendResult
    {
        Success,
        Unavailable,
        NoAnswer,
        Refused,
    }
}
