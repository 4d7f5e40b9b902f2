using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Payments.Testing;

/// <summary>
/// A RabbitMQ cluster of private nodes on loopback, for tests that run several replicas of every service and stop a
/// broker node under load. Every node is a <see cref="RabbitMqBroker"/> child process with its own node name
/// (<c>payments-test-&lt;cluster&gt;-&lt;n&gt;@localhost</c>), AMQP, Erlang distribution and CLI ports and data folder;
/// all of them, and every <c>rabbitmqctl</c> the tests run, share one epmd on a free port of 127.0.0.1 (owned by the
/// cluster: they must find each other) and one random Erlang cookie (written, mode 0400, as
/// <c>.erlang.cookie</c> in each node's <c>HOME</c>). The nodes start in parallel as clusters of one; then every node
/// after the first is joined to it (<c>rabbitmqctl stop_app</c>, <c>join_cluster &lt;node 1&gt;</c>,
/// <c>start_app</c>) and <c>cluster_status</c> must list them all as running.
/// <para>
/// <c>PAYMENTS_TEST_RABBITMQ</c> is not used here: a cluster is always private. Quorum queues need nothing on the
/// server side: clients declare them with <c>x-queue-type=quorum</c>, and their initial group size is the cluster
/// size. A node stopped with <see cref="RabbitMqBroker.StopAsync"/> keeps its folder and rejoins by itself on
/// <see cref="RabbitMqBroker.StartAgainAsync"/> (node 1 included); when every other node is down too, the restarted
/// node is told <c>rabbitmqctl force_boot</c> first so that it does not wait for the node that stopped last.
/// </para>
/// <para>
/// Start-up of three nodes (measured on the 2-core dev/CI machine, RabbitMQ 3.10.8, Erlang 25): 23–28 s with the
/// machine otherwise idle — 15–19 s for the three boots side by side (three Erlang VMs on two cores; one node alone
/// boots in 6–8 s), then 3.5–4 s per joining node, one after the other (the <c>start_app</c> after
/// <c>join_cluster</c> runs the boot steps again), and 1 s for <c>cluster_status</c> — and 40–50 s under a parallel
/// build (load 8–14). Stopping a node takes 2–3 s; starting one again 6–7 s idle (two at once 11–13 s), 12–20 s under
/// load. Share one cluster per test class (a class fixture), not one per test.
/// </para>
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    private const int EpmdAttempts = 3;
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _epmdGate = new(1, 1);
    private readonly List<RabbitMqBroker> _nodes = [];
    private ChildProcess? _epmd;
    private bool _disposed;

    private RabbitMqCluster(int epmdPort, string cookie)
    {
        EpmdPort = epmdPort;
        Cookie = cookie;
    }

    /// <summary>The nodes, node 1 (the one the others joined) first.</summary>
    public IReadOnlyList<RabbitMqBroker> Nodes => _nodes;

    /// <summary><c>127.0.0.1:&lt;AMQP port&gt;</c> of every node, in the order of <see cref="Nodes"/>.</summary>
    public IReadOnlyList<string> ClusterNodes => _nodes.Select(n => $"{n.Host}:{n.Port}").ToList();

    public string Username { get; } = "guest";

    public string Password { get; } = "guest";

    public string VirtualHost { get; } = "/";

    /// <summary>How long <see cref="StartAsync"/> took: every node booted, joined and seen running by the cluster.</summary>
    public TimeSpan StartupTime { get; private set; }

    internal int EpmdPort { get; private set; }

    internal string Cookie { get; }

    /// <summary>Starts <paramref name="nodes"/> private nodes and joins them into one cluster.</summary>
    public static async Task<RabbitMqCluster> StartAsync(int nodes = 3, CancellationToken ct = default)
    {
        Needs.Allowed(Needs.RabbitMq);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var stopwatch = Stopwatch.StartNew();
        var id = Guid.NewGuid().ToString("N")[..8];

        // Letters only: the cookie is an Erlang atom (and a file the CLI reads as-is).
        var cookie = new string(RandomNumberGenerator.GetItems("ABCDEFGHIJKLMNOPQRSTUVWXYZ".AsSpan(), 32));
        var cluster = new RabbitMqCluster(FreePort.Get(), cookie);
        try
        {
            await cluster.EnsureEpmdAsync(ct);

            // Fresh nodes do not know of each other yet: they boot side by side.
            var starting = Enumerable.Range(1, nodes)
                .Select(n => RabbitMqBroker.StartClusterNodeAsync(cluster, $"payments-test-{id}-{n}@localhost", ct))
                .ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // Whatever started belongs to the cluster now, so that a failure disposes it too.
                cluster._nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var first = cluster._nodes[0];

            // One at a time: joining two nodes at once was no faster on 2 cores (each start_app runs the boot steps).
            foreach (var node in cluster._nodes.Skip(1))
            {
                await JoinAsync(node, first, ct);
            }

            await cluster.WaitForRunningNodesAsync(nodes, TimeSpan.FromSeconds(60), ct);
            cluster.StartupTime = stopwatch.Elapsed;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Quorum queue name → the name of the node that leads it (<c>rabbitmqctl list_queues name type leader</c>, asked
    /// of any running node). A queue that reports no leader is left out. When a leader stops, the new one shows once
    /// elected (3–7 s after <c>StopAsync</c> began, here): poll.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> QueueLeadersAsync(CancellationToken ct = default)
    {
        var rows = await ListQueuesAsync(["name", "type", "leader"], ct);
        var leaders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (Text(row, "type") == "quorum" && Text(row, "name") is { Length: > 0 } name && Text(row, "leader") is { Length: > 0 } leader)
            {
                leaders[name] = leader;
            }
        }

        return leaders;
    }

    /// <summary>
    /// The running node that leads the most quorum queues among <paramref name="queues"/> (all quorum queues when
    /// null); ties go to the earlier node of <see cref="Nodes"/>, and with no such queue it is the first running node.
    /// Never null while one node runs; throws when none does.
    /// </summary>
    public Task<RabbitMqBroker> BusiestLeaderAsync(IEnumerable<string>? queues = null, CancellationToken ct = default)
        => BusiestLeaderAsync(queues, byMessages: false, ct);

    /// <summary>
    /// As <see cref="BusiestLeaderAsync(IEnumerable{string}?, CancellationToken)"/>; with <paramref name="byMessages"/>
    /// each queue counts with its ready messages as <see cref="QueuesAsync"/> reports them (a few seconds late): the
    /// node whose queues hold the most messages wins, the number of queues it leads breaking ties.
    /// </summary>
    public async Task<RabbitMqBroker> BusiestLeaderAsync(IEnumerable<string>? queues, bool byMessages, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var leaders = await QueueLeadersAsync(ct);
        var messages = byMessages ? await QueuesAsync(ct) : null;
        return BusiestLeader(leaders, messages, queues);
    }

    /// <summary>
    /// <see cref="BusiestLeaderAsync(IEnumerable{string}?, bool, CancellationToken)"/> from leaders (and messages) the
    /// caller already asked for with <see cref="QueueLeadersAsync"/> (and <see cref="QueuesAsync"/>): no further
    /// question to the nodes.
    /// </summary>
    public RabbitMqBroker BusiestLeader(IReadOnlyDictionary<string, string> leaders, IReadOnlyDictionary<string, long>? messages, IEnumerable<string>? queues)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var running = _nodes.Where(n => n.IsRunning).ToList();
        if (running.Count == 0)
        {
            throw new InvalidOperationException("No node of the cluster is running.");
        }

        var wanted = queues is null ? null : new HashSet<string>(queues, StringComparer.Ordinal);
        return running
            .Select((node, index) =>
            {
                var led = leaders.Where(l => l.Value == node.NodeName && (wanted is null || wanted.Contains(l.Key))).Select(l => l.Key).ToList();
                var ready = messages is null ? 0 : led.Sum(q => messages.GetValueOrDefault(q));
                return (node, index, ready, count: led.Count);
            })
            .OrderByDescending(s => s.ready)
            .ThenByDescending(s => s.count)
            .ThenBy(s => s.index)
            .First()
            .node;
    }

    /// <summary>
    /// Every queue with its ready messages (<c>rabbitmqctl list_queues name messages</c>, asked of any running node:
    /// quorum queues are cluster-wide). A queue whose count is unknown at the moment (a classic queue on a stopped
    /// node, a quorum queue without a leader) is left out. A quorum queue's count is a metric its leader publishes
    /// every few seconds (the Ra tick, 5 s): it lags behind a publish or a get by up to that long — poll for it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> QueuesAsync(CancellationToken ct = default)
    {
        var rows = await ListQueuesAsync(["name", "messages"], ct);
        var queues = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (Text(row, "name") is { Length: > 0 } name
                && row.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Number
                && messages.TryGetInt64(out var count))
            {
                queues[name] = count;
            }
        }

        return queues;
    }

    /// <summary>
    /// The running nodes' names as the cluster sees them (<c>rabbitmqctl cluster_status</c>, <c>running_nodes</c>,
    /// asked of any running node), in the order of <see cref="Nodes"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunningNodesAsync(CancellationToken ct = default)
    {
        var status = await AskAnyRunningNodeAsync(["-q", "cluster_status", "--formatter", "json"], ct);
        using var document = JsonDocument.Parse(status);
        var names = document.RootElement.GetProperty("running_nodes").EnumerateArray()
            .Select(n => n.GetString())
            .OfType<string>()
            .ToList();
        var order = _nodes.Select(n => n.NodeName).ToList();
        return names.OrderBy(n => order.IndexOf(n) is var i && i >= 0 ? i : int.MaxValue).ThenBy(n => n, StringComparer.Ordinal).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        await _epmdGate.WaitAsync();
        try
        {
            if (_epmd is not null)
            {
                await _epmd.DisposeAsync();
                _epmd = null;
            }
        }
        finally
        {
            _epmdGate.Release();
        }
    }

    /// <summary>Held by a node that is started again while it decides whether it must force its boot.</summary>
    internal SemaphoreSlim RestartGate { get; } = new(1, 1);

    /// <summary>True when a node other than <paramref name="node"/> runs or is being started again.</summary>
    internal bool AnyStartingOrRunningExcept(RabbitMqBroker node) => _nodes.Any(n => n != node && (n.IsRunning || n.IsStarting));

    /// <summary>Starts the cluster's epmd unless it runs (on a new free port if its port was taken before it bound).</summary>
    internal async Task EnsureEpmdAsync(CancellationToken ct)
    {
        await _epmdGate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_epmd is { HasExited: false })
            {
                return;
            }

            if (_epmd is not null)
            {
                await _epmd.DisposeAsync();
                _epmd = null;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _epmd = await RabbitMqBroker.StartEpmdProcessAsync(EpmdPort, [], Path.GetTempPath(), ct);
                    return;
                }
                catch (InvalidOperationException) when (attempt < EpmdAttempts && _nodes.Count == 0)
                {
                    // Only before any node registered may the port change (nodes keep the port they were given).
                    EpmdPort = FreePort.Get();
                }
            }
        }
        finally
        {
            _epmdGate.Release();
        }
    }

    private static async Task JoinAsync(RabbitMqBroker node, RabbitMqBroker first, CancellationToken ct)
    {
        // start_app returns once the node has booted again; StartAsync then waits for cluster_status to list every node.
        foreach (var step in new[] { new[] { "stop_app" }, ["join_cluster", first.NodeName!], ["start_app"] })
        {
            var result = await node.RabbitMqCtlAsync(["-q", .. step], TimeSpan.FromSeconds(90), ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"rabbitmqctl -n {node.NodeName} {string.Join(' ', step)} failed:{Environment.NewLine}{result.Output}{Environment.NewLine}{node.RecentOutput}");
            }
        }
    }

    private async Task WaitForRunningNodesAsync(int count, TimeSpan timeout, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<string> running = [];
        while (stopwatch.Elapsed < timeout)
        {
            running = await RunningNodesAsync(ct);
            if (running.Count == count)
            {
                return;
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"cluster_status lists {running.Count} running nodes ({string.Join(", ", running)}), not {count}, after {timeout}.");
    }

    private async Task<List<JsonElement>> ListQueuesAsync(string[] columns, CancellationToken ct)
    {
        var output = await AskAnyRunningNodeAsync(["-q", "list_queues", .. columns, "--formatter", "json"], ct);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>Runs a <c>rabbitmqctl</c> command against the first running node that answers; throws when none does.</summary>
    private async Task<string> AskAnyRunningNodeAsync(string[] arguments, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var failures = new List<string>();
        foreach (var node in _nodes.Where(n => n.IsRunning))
        {
            var result = await node.RabbitMqCtlAsync(arguments, CliTimeout, ct);
            if (result.Succeeded)
            {
                return result.Output;
            }

            failures.Add($"{node.NodeName}: {result.Output}");
        }

        throw new InvalidOperationException(
            $"No running node answered 'rabbitmqctl {string.Join(' ', arguments)}'" + (failures.Count == 0 ? " (none runs)." : ":" + Environment.NewLine + string.Join(Environment.NewLine, failures)));
    }

    private static string? Text(JsonElement row, string property)
        => row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
