using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Payments.Contracts;
using Payments.Scenarios.Generation;
using Payments.Scenarios.Providers;
using Payments.Scenarios.Running;

namespace Payments.Scenarios.Faults;

public sealed record FaultOptions
{
    public int Orders { get; init; } = 300;
    public int Seed { get; init; } = 4242;

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Each notification is delivered 1 to this many times (shuffled), besides the storms.</summary>
    public int MaxCopies { get; init; } = 3;

    /// <summary>Notifications delivered <see cref="StormCopies"/> times at once.</summary>
    public int Storms { get; init; } = 10;

    public int StormCopies { get; init; } = 20;

    public TimeSpan BrokerDowntime { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan DatabaseDowntime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a killed service stays dead before it is started again.</summary>
    public TimeSpan ServiceDowntime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Load without a fault before and between the faults.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The first delivery pass is spread over about this long; besides, a sixth of it is held back for each fault
    /// step until the step begins, so that every fault happens under load however long the recoveries take.
    /// </summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(70);

    /// <summary>A delivery still not accepted after this long is abandoned (reported, and a failure).</summary>
    public TimeSpan DeliveryDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After the faults, one order (<see cref="ScenarioGenerator.HotOrder"/>) delivered <see cref="HotOrderDeliveries"/>
    /// times at once over every Ingress replica: with several Orders replicas they apply its events at the same time,
    /// and only the saga's row lock keeps them in line. Checked: no event applied twice, the final status the
    /// lifecycle table gives, its grant and revocation each once.
    /// </summary>
    public bool HotOrder { get; init; }

    public int HotOrderDeliveries { get; init; } = 50;

    /// <summary>How long every service may take to be ready again after a fault ended (MassTransit reconnects with growing pauses).</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Give up waiting for convergence after this long without a change in the entitlements.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public Action<string>? Log { get; init; }
}

/// <summary>
/// The fault suite: a seeded <see cref="Scenario"/> delivered by a faithful provider simulation
/// (<see cref="ProviderRetryPolicy"/>: each provider retries on anything but its success answer, on its own compressed
/// schedule), shuffled, 1–3 copies each plus duplicate storms (one notification ×20 at once), while the broker is
/// stopped and started, Orders, Entitlements and Normalizer are SIGKILLed and restarted, and the database is
/// stopped for 10 s. Then compares the entitlements with <see cref="ExpectedEntitlements"/>.
/// </summary>
public sealed class FaultRunner(IFaultTarget target, ProviderSecrets secrets, FaultOptions options) : IDisposable
{
    private static readonly string[] Environments = [PaymentEnvironments.Production, PaymentEnvironments.Sandbox];

    private readonly HttpClient _client = target.Endpoints.Credentials.Client(
        timeout: TimeSpan.FromSeconds(10),
        inner: new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(4, options.Concurrency),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        });

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Share (0–1) of the main delivery stream the pacer may release: raised step by step by the fault schedule, so every fault happens under load.</summary>
    private double _budget = 1;

    /// <summary>The broker, each service killed, the database.</summary>
    private int FaultSteps => 2 + target.Killable.Count;

    public void Dispose() => _client.Dispose();

    public async Task<FaultReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var scenario = ScenarioGenerator.Generate(options.Seed, new ScenarioOptions { Orders = options.Orders }, secrets);
        var expectations = ExpectedEntitlements.Of(scenario.Orders);
        var stats = new FaultStats();
        var random = new Random(options.Seed);
        var faults = new ConcurrentQueue<string>();

        // 1. Registrations that precede the notifications, awaited until the order API shows them.
        var before = scenario.Orders.Where(o => o.Timing == RegistrationTiming.Before).ToList();
        Log($"registering {before.Count} orders before any notification");
        await DeliverAsync([.. before.Select(Delivery.Registration)], TimeSpan.Zero, stats, random, cancellationToken);
        await WaitUntilRegisteredAsync(before, cancellationToken);

        // 2. Every notification 1–MaxCopies times, concurrent registrations, and duplicate storms, shuffled; faults meanwhile.
        var deliveries = new List<Delivery>();
        foreach (var order in scenario.Orders)
        {
            foreach (var notification in order.Notifications)
            {
                for (var copy = random.Next(1, options.MaxCopies + 1); copy > 0; copy--)
                {
                    deliveries.Add(Delivery.Of(notification));
                }
            }

            if (order.Timing == RegistrationTiming.Concurrent)
            {
                deliveries.Add(Delivery.Registration(order));
            }
        }

        var shuffled = deliveries.ToArray();
        random.Shuffle(shuffled);
        var stream = shuffled.ToList();
        var notifications = scenario.Orders.SelectMany(o => o.Notifications).ToArray();
        for (var storm = 0; storm < options.Storms && notifications.Length > 0; storm++)
        {
            var notification = notifications[random.Next(notifications.Length)];
            var at = random.Next(stream.Count + 1);
            stream.InsertRange(at, Enumerable.Range(0, options.StormCopies).Select(_ => Delivery.Of(notification)));
            stats.StormCopies += options.StormCopies;
        }

        Log($"delivering {stream.Count} requests ({notifications.Length} notifications, 1–{options.MaxCopies}× each, {options.Storms} storms ×{options.StormCopies}) over ~{options.LoadDuration.TotalSeconds:0} s, {options.Concurrency} in flight");
        Volatile.Write(ref _budget, 1.0 / (FaultSteps + 1));
        var delivery = DeliverAsync([.. stream], options.LoadDuration, stats, random, cancellationToken);
        var schedule = RunFaultScheduleAsync(faults, cancellationToken);
        await schedule;
        Volatile.Write(ref _budget, 1);
        Log("fault schedule done; waiting for every delivery to be accepted");
        await delivery;

        // 3. Registrations after every notification was answered.
        var after = scenario.Orders.Where(o => o.Timing == RegistrationTiming.After).Select(Delivery.Registration).ToArray();
        Log($"registering {after.Length} late registrations");
        await DeliverAsync(after, TimeSpan.Zero, stats, random, cancellationToken);

        // 4. The hot order, with every replica up.
        string? hotOrder = null;
        if (options.HotOrder)
        {
            var hot = ScenarioGenerator.HotOrder(options.Seed, secrets, scenario.Orders.Count);
            scenario = new Scenario { Seed = scenario.Seed, Secrets = scenario.Secrets, Orders = [.. scenario.Orders, hot] };
            expectations = ExpectedEntitlements.Of(scenario.Orders);
            Log($"hot order {hot}: registering, then {options.HotOrderDeliveries} deliveries of its {hot.Notifications.Count} notifications at once");
            await DeliverAsync([Delivery.Registration(hot)], TimeSpan.Zero, stats, random, cancellationToken);
            await WaitUntilRegisteredAsync([hot], cancellationToken);
            // Four fifths of the deliveries carry the notifications up to the payment, all at once, so that the grant
            // happens under contention; once it did, the rest (the refund among them) revokes it under contention too.
            var paying = hot.Notifications.Take(hot.Notifications.Count - 1).ToList();
            var first = Enumerable.Range(0, options.HotOrderDeliveries * 4 / 5).Select(i => Delivery.Of(paying[i % paying.Count])).ToArray();
            random.Shuffle(first);
            await DeliverAsync(first, TimeSpan.Zero, stats, random, cancellationToken);
            await WaitForHotOrderAsync(hot, root => root.GetProperty("granted").GetBoolean(), "granted", cancellationToken);
            var rest = Enumerable.Range(0, options.HotOrderDeliveries - first.Length).Select(i => Delivery.Of(hot.Notifications[(hot.Notifications.Count - 1 + i) % hot.Notifications.Count])).ToArray();
            random.Shuffle(rest);
            await DeliverAsync(rest, TimeSpan.Zero, stats, random, cancellationToken);
            hotOrder = hot.Reference.ProviderOrderId;
        }

        // 5. Convergence.
        var (verdict, converged) = await AwaitConvergenceAsync(scenario, expectations, cancellationToken);
        var hotOrderProblem = hotOrder is null ? null : await CheckHotOrderAsync(scenario.Orders[^1], cancellationToken);
        return new FaultReport
        {
            HotOrder = hotOrder,
            HotOrderProblem = hotOrderProblem,
            Options = options,
            Scenario = scenario,
            Stats = stats,
            Verdict = verdict,
            Settled = converged,
            Faults = [.. faults],
            Elapsed = _clock.Elapsed,
        };
    }

    private async Task RunFaultScheduleAsync(ConcurrentQueue<string> faults, CancellationToken ct)
    {
        async Task Step(string name, Func<Task> breakIt, TimeSpan downtime, Func<Task> mendIt, Func<string>? what = null)
        {
            await Task.Delay(options.Gap, ct);
            var clock = Stopwatch.StartNew();
            Log($"FAULT {name}: start");
            await breakIt();
            await Task.Delay(downtime, ct);
            await mendIt();
            try
            {
                await target.WaitUntilReadyAsync(options.RecoveryTimeout);
            }
            catch (TimeoutException ex)
            {
                var reason = ex.Message.Split('\n')[0];
                throw new InvalidOperationException(
                    $"After '{name}' the system did not recover: not every service was ready {options.RecoveryTimeout.TotalSeconds:0} s after the fault ended. {reason}", ex);
            }

            var line = $"{(what is null ? name : $"{name} ({what()})")}: down {downtime.TotalSeconds:0.#} s, recovered (all services ready) after {clock.Elapsed.TotalSeconds:0.0} s";
            Volatile.Write(ref _budget, Math.Min(1, Volatile.Read(ref _budget) + (1.0 / (FaultSteps + 1))));
            faults.Enqueue(line);
            Log("FAULT " + line);
        }

        var broker = "broker";
        await Step("broker stopped and restarted", async () => broker = await target.StopBrokerAsync(), options.BrokerDowntime, target.StartBrokerAsync, () => broker);
        foreach (var service in target.Killable)
        {
            await Step($"{target.Describe(service)} SIGKILLed and restarted", () =>
            {
                target.Kill(service);
                return Task.CompletedTask;
            }, options.ServiceDowntime, () => target.RestartAsync(service));
        }

        await Step("database stopped", target.StopDatabaseAsync, options.DatabaseDowntime, target.StartDatabaseAsync);
    }

    /// <summary>Delivers every request, spread evenly over <paramref name="spread"/>, each retried by its provider's rule until accepted.</summary>
    private async Task DeliverAsync(Delivery[] deliveries, TimeSpan spread, FaultStats stats, Random random, CancellationToken ct)
    {
        if (deliveries.Length == 0)
        {
            return;
        }

        var channel = Channel.CreateUnbounded<(Delivery Delivery, long FirstAt)>();
        var remaining = deliveries.Length;
        void Done()
        {
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                channel.Writer.TryComplete();
            }
        }

        var pacer = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var (baseIndex, baseTime) = (0, TimeSpan.Zero);
            for (var i = 0; i < deliveries.Length; i++)
            {
                if (spread > TimeSpan.Zero && i >= deliveries.Length * Volatile.Read(ref _budget))
                {
                    // The schedule has not reached the next fault yet: hold the rest of the stream back, then pace it from then on.
                    while (i >= deliveries.Length * Volatile.Read(ref _budget))
                    {
                        await Task.Delay(50, ct);
                    }

                    (baseIndex, baseTime) = (i, clock.Elapsed);
                }

                var due = baseTime + (spread * ((double)(i - baseIndex) / deliveries.Length));
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(5))
                {
                    await Task.Delay(wait, ct);
                }

                channel.Writer.TryWrite((deliveries[i], Environment.TickCount64));
            }
        }, ct);

        using var progress = new Timer(_ => Log(
            $"  {deliveries.Length - Volatile.Read(ref remaining)}/{deliveries.Length} accepted; sent {stats.Sent}, retried {stats.Retried} (503 {stats.Unavailable}, no answer {stats.NoAnswer}, other {stats.OtherAnswers})"),
            null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var workers = Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            await foreach (var (delivery, firstAt) in channel.Reader.ReadAllAsync(ct))
            {
                delivery.Attempts++;
                var request = delivery.CreateRequest();
                var baseAddress = target.Endpoints.Next(delivery.Target);
                HttpStatusCode? status = null;
                var success = false;
                FaultStats.Count(ref stats.SentCount);
                try
                {
                    using var message = request.ToHttpRequest(baseAddress);
                    using var response = await _client.SendAsync(message, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    status = response.StatusCode;
                    success = request.Answer.Matches(response.StatusCode, body);
                    if (!success && status != HttpStatusCode.ServiceUnavailable)
                    {
                        stats.Other($"{delivery.Order} {delivery.Kind}: {(int)response.StatusCode} {Truncate(body)}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    status = null;
                }

                switch (ProviderRetryPolicy.Decide(delivery.Kind, status, success))
                {
                    case ProviderDecision.Accepted:
                        if (delivery.Target == DeliveryTarget.Ingress)
                        {
                            FaultStats.Count(ref stats.AcceptedCount);
                        }
                        else
                        {
                            FaultStats.Count(ref stats.RegisteredCount);
                        }

                        Done();
                        break;
                    case ProviderDecision.Retry when Environment.TickCount64 - firstAt < options.DeliveryDeadline.TotalMilliseconds:
                        FaultStats.Count(ref stats.RetriedCount);
                        if (status is null)
                        {
                            FaultStats.Count(ref stats.NoAnswerCount);
                        }
                        else if (status == HttpStatusCode.ServiceUnavailable)
                        {
                            FaultStats.Count(ref stats.UnavailableCount);
                        }

                        var pause = ProviderRetryPolicy.Delay(delivery.Kind, delivery.Attempts, random);
                        _ = Task.Delay(pause, CancellationToken.None).ContinueWith(_ => channel.Writer.TryWrite((delivery, firstAt)), TaskScheduler.Default);
                        break;
                    case ProviderDecision.Retry:
                        stats.Abandon($"{delivery.Order} {delivery.Kind}: not accepted within {options.DeliveryDeadline} ({delivery.Attempts} attempts)");
                        Done();
                        break;
                    default:
                        stats.GiveUp($"{delivery.Order} {delivery.Kind}: provider stopped after {(int?)status}");
                        Done();
                        break;
                }
            }
        }).ToList();
        await Task.WhenAll(workers.Append(pacer));
    }

    private async Task WaitUntilRegisteredAsync(List<ScenarioOrder> orders, CancellationToken ct)
    {
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (order, token) =>
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var response = await _client.GetAsync(new Uri(target.Endpoints.Orders, OrderRequests.ViewPath(order.Reference)), token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Retry.
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                {
                    throw new TimeoutException($"Order {order} was registered but GET /orders never showed it.");
                }

                await Task.Delay(200, token);
            }
        });
    }

    /// <summary>
    /// The hot order's view once everything settled: no event applied twice, the status its lifecycle ends in
    /// (refunded, whatever order the events came in) and neither its grant nor its revocation applied twice.
    /// Null when all holds, else what did not.
    /// </summary>
    private async Task<string?> CheckHotOrderAsync(ScenarioOrder hot, CancellationToken ct)
    {
        // Its events may still be on their way when the entitlements (none, for a refunded order) have settled.
        await WaitForHotOrderAsync(hot, root => string.Equals(root.GetProperty("status").GetString(), "Refunded", StringComparison.OrdinalIgnoreCase), "refunded", ct);
        var json = await _client.GetStringAsync(new Uri(target.Endpoints.Orders, OrderRequests.ViewPath(hot.Reference)), ct);
        using var view = System.Text.Json.JsonDocument.Parse(json);
        var root = view.RootElement;
        var applied = root.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("applied").GetBoolean())
            .GroupBy(e => e.GetProperty("event").GetString() ?? "?", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var problems = new List<string>();
        var status = root.GetProperty("status").GetString();
        if (!string.Equals(status, "Refunded", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"status {status}, the lifecycle {hot.Lifecycle} ends in Refunded");
        }

        problems.AddRange(applied.Where(a => a.Value > 1).Select(a => $"{a.Key} applied {a.Value} times"));
        foreach (var once in new[] { "order.granted", "order.revoked" })
        {
            if (applied.GetValueOrDefault(once) != 1)
            {
                problems.Add($"{once} applied {applied.GetValueOrDefault(once)} times, expected once");
            }
        }

        Log($"hot order: status {status}, applied {string.Join(", ", applied.Select(a => $"{a.Key}×{a.Value}"))}");
        return problems.Count == 0 ? null : $"{hot}: {string.Join("; ", problems)}\n{json}";
    }

    /// <summary>Polls the hot order's view until <paramref name="reached"/> holds; after a minute the check reports what it saw.</summary>
    private async Task WaitForHotOrderAsync(ScenarioOrder hot, Func<System.Text.Json.JsonElement, bool> reached, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                var json = await _client.GetStringAsync(new Uri(target.Endpoints.Orders, OrderRequests.ViewPath(hot.Reference)), ct);
                using var view = System.Text.Json.JsonDocument.Parse(json);
                if (reached(view.RootElement))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Retry.
            }

            await Task.Delay(200, ct);
        }

        Log($"hot order: not {what} after 60 s");
    }

    private async Task<(ConvergenceVerdict Verdict, bool Settled)> AwaitConvergenceAsync(
        Scenario scenario, IReadOnlyList<OrderExpectation> expectations, CancellationToken ct)
    {
        var queries = scenario.Users.SelectMany(user => Environments.Select(environment => (environment, user))).ToList();
        var clock = Stopwatch.StartNew();
        var lastChange = clock.Elapsed;
        EntitlementSnapshot? previous = null;
        var convergedTwice = 0;
        while (true)
        {
            var snapshot = await SnapshotAsync(queries, ct);
            var verdict = ConvergenceVerdict.Compare(expectations, snapshot);
            if (previous is null || !snapshot.SameAs(previous))
            {
                lastChange = clock.Elapsed;
            }

            previous = snapshot;
            convergedTwice = verdict.Converged ? convergedTwice + 1 : 0;
            if (convergedTwice >= 2)
            {
                Log($"converged after {clock.Elapsed.TotalSeconds:0.0} s: {snapshot.Lines.Count} active lines");
                return (verdict, true);
            }

            if (clock.Elapsed - lastChange > options.StallTimeout)
            {
                Log($"no change for {options.StallTimeout.TotalSeconds:0} s and not converged: {verdict.Violations.Count} violations");
                return (verdict, false);
            }

            Log($"  waiting: {verdict.ActualGrants}/{verdict.ExpectedGrants} grants, {verdict.Missing} missing, {verdict.Doubled} doubled");
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        }
    }

    private async Task<EntitlementSnapshot> SnapshotAsync(IReadOnlyList<(string Environment, string UserId)> queries, CancellationToken ct)
    {
        var lines = new ConcurrentBag<ActualLine>();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (query, token) =>
        {
            var path = $"/users/{Uri.EscapeDataString(query.UserId)}/entitlements?environment={query.Environment}";
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var json = await _client.GetStringAsync(new Uri(target.Endpoints.Entitlements, path), token);
                    foreach (var line in EntitlementSnapshot.Parse(query.Environment, query.UserId, json))
                    {
                        lines.Add(line);
                    }

                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested && attempt < 10)
                {
                    await Task.Delay(500, token);
                }
            }
        });
        return new EntitlementSnapshot([.. lines]);
    }

    private void Log(string line) => options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"[faults {_clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));

    private static string Truncate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}

/// <summary>Counters of a fault run, updated from every worker.</summary>
public sealed class FaultStats
{
    internal long SentCount;
    internal long AcceptedCount;
    internal long RegisteredCount;
    internal long RetriedCount;
    internal long UnavailableCount;
    internal long NoAnswerCount;

    public long Sent => Interlocked.Read(ref SentCount);

    /// <summary>Notification deliveries answered with the provider's success answer.</summary>
    public long Accepted => Interlocked.Read(ref AcceptedCount);

    public long Registered => Interlocked.Read(ref RegisteredCount);

    /// <summary>Answers that made the provider (or the game backend) try again later.</summary>
    public long Retried => Interlocked.Read(ref RetriedCount);

    public long Unavailable => Interlocked.Read(ref UnavailableCount);
    public long NoAnswer => Interlocked.Read(ref NoAnswerCount);
    public long OtherAnswers => Retried - Unavailable - NoAnswer;

    public int StormCopies { get; internal set; }

    /// <summary>Answers other than success, 503 or none (e.g. a 500), for the report.</summary>
    public ConcurrentQueue<string> OtherAnswerSamples { get; } = new();

    /// <summary>Deliveries a provider stopped retrying (Xsolla after a 4xx): a payment the system may never see.</summary>
    public ConcurrentQueue<string> GivenUp { get; } = new();

    /// <summary>Deliveries not accepted before the deadline.</summary>
    public ConcurrentQueue<string> Abandoned { get; } = new();

    internal static void Count(ref long counter) => Interlocked.Increment(ref counter);

    internal void Other(string sample)
    {
        if (OtherAnswerSamples.Count < 50)
        {
            OtherAnswerSamples.Enqueue(sample);
        }
    }

    internal void GiveUp(string description) => GivenUp.Enqueue(description);

    internal void Abandon(string description) => Abandoned.Enqueue(description);
}

public sealed class FaultReport
{
    public required FaultOptions Options { get; init; }
    public required Scenario Scenario { get; init; }
    public required FaultStats Stats { get; init; }
    public required ConvergenceVerdict Verdict { get; init; }
    public required bool Settled { get; init; }
    public required IReadOnlyList<string> Faults { get; init; }
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The provider order id of the hot order (<see cref="FaultOptions.HotOrder"/>), if there was one.</summary>
    public string? HotOrder { get; init; }

    /// <summary>What the hot order's view showed wrong; null when it was right or there was none.</summary>
    public string? HotOrderProblem { get; init; }

    public int Notifications => Scenario.Orders.Sum(o => o.Notifications.Count);

    /// <summary>Expected (order, sku) lines not granted, plus deliveries the providers gave up on.</summary>
    public int Lost => Verdict.Missing;

    /// <summary>Lines granted twice or more than once per (order, sku), plus grants that must not exist.</summary>
    public int Duplicated => Verdict.Doubled + Verdict.Unexpected + Verdict.GrantedAfterRefund;

    public bool Passed => Lost == 0 && Duplicated == 0 && Verdict.Converged && Stats.GivenUp.IsEmpty && Stats.Abandoned.IsEmpty && HotOrderProblem is null;

    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Fault suite: seed {Scenario.Seed}, {Scenario.Orders.Count} orders, {Scenario.Users.Count} users, concurrency {Options.Concurrency}, {Elapsed.TotalSeconds:0} s");
        foreach (var fault in Faults)
        {
            text.AppendLine("  fault: " + fault);
        }

        void Row(string label, object value) => text.AppendLine(c, $"  {label,-56} {value,10}");
        Row("notifications (distinct)", Notifications);
        Row("  of which in duplicate storms (copies)", Stats.StormCopies);
        Row("requests sent (incl. provider retries, registrations)", Stats.Sent);
        Row("notification deliveries accepted", Stats.Accepted);
        Row("registrations accepted", Stats.Registered);
        Row("retried by the provider", Stats.Retried);
        Row("  503", Stats.Unavailable);
        Row("  no answer", Stats.NoAnswer);
        Row("  other answers", Stats.OtherAnswers);
        foreach (var sample in Stats.OtherAnswerSamples.Take(3))
        {
            text.AppendLine("      e.g. " + sample);
        }

        Row("provider gave up (Xsolla 4xx)", Stats.GivenUp.Count);
        Row("abandoned (deadline)", Stats.Abandoned.Count);
        Row("entitlements expected (order, sku lines)", Verdict.ExpectedGrants);
        Row("entitlements actual", Verdict.ActualGrants);
        Row("lost", Lost);
        Row("duplicated (doubled, unexpected, after refund)", Duplicated);
        Row("users with a wrong per-sku total", Verdict.WrongUserTotals);
        if (HotOrder is not null)
        {
            Row($"hot order {HotOrder} ({Options.HotOrderDeliveries} deliveries at once)", HotOrderProblem is null ? "right" : "WRONG");
        }

        text.AppendLine(Passed ? "RESULT: PASSED — nothing lost, nothing duplicated" : "RESULT: FAILED");
        return text.ToString();
    }

    public string Details(int limit = 20)
    {
        var text = new StringBuilder();
        foreach (var line in Stats.OtherAnswerSamples.Take(limit))
        {
            text.AppendLine("other answer: " + line);
        }

        foreach (var line in Stats.GivenUp.Take(limit))
        {
            text.AppendLine("given up: " + line);
        }

        foreach (var line in Stats.Abandoned.Take(limit))
        {
            text.AppendLine("abandoned: " + line);
        }

        if (HotOrderProblem is not null)
        {
            text.AppendLine("hot order: " + HotOrderProblem);
        }

        foreach (var violation in Verdict.Violations.Take(limit))
        {
            text.AppendLine(violation.ToString());
        }

        return text.ToString();
    }
}
