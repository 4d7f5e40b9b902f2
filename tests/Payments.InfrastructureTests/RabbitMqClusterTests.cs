using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Payments.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Payments.InfrastructureTests;

/// <summary>One three-node cluster shared by the tests of <see cref="RabbitMqClusterTests"/>.</summary>
public sealed class RabbitMqClusterFixture : IAsyncLifetime
{
    private RabbitMqCluster? _cluster;

    public RabbitMqCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _cluster = await RabbitMqCluster.StartAsync(ct: cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[Trait(Needs.Trait, Needs.RabbitMq)]
public sealed class RabbitMqClusterTests(RabbitMqClusterFixture fixture, ITestOutputHelper output) : IClassFixture<RabbitMqClusterFixture>
{
    private RabbitMqCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Three_nodes_start_on_loopback_and_the_cluster_sees_all_of_them_running()
    {
        output.WriteLine($"three nodes started and joined in {Cluster.StartupTime.TotalSeconds:F1} s");
        foreach (var node in Cluster.Nodes)
        {
            output.WriteLine($"{node.NodeName}: AMQP {node.Port}, epmd {node.EpmdPort}, boot {node.StartupTime.TotalSeconds:F1} s, {node.DataDirectory}");
        }

        Assert.Equal(3, Cluster.Nodes.Count);
        Assert.Equal(Cluster.Nodes.Select(n => $"127.0.0.1:{n.Port}"), Cluster.ClusterNodes);
        Assert.Equal(3, Cluster.Nodes.Select(n => n.Port).Distinct().Count());
        Assert.Single(Cluster.Nodes.Select(n => n.EpmdPort).Distinct());
        Assert.All(Cluster.Nodes, n => Assert.Matches(@"^payments-test-[0-9a-f]{8}-[1-3]@localhost$", n.NodeName));
        Assert.Equal(3, Cluster.Nodes.Select(n => n.DataDirectory).Distinct().Count());

        var running = await Cluster.RunningNodesAsync();

        Assert.Equal(Cluster.Nodes.Select(n => n.NodeName!), running);

        // Every node's listening sockets (AMQP, Erlang distribution) and the shared epmd are on 127.0.0.1 only.
        var listening = Tcp.ListeningSockets();
        var owned = Cluster.Nodes.SelectMany(n => Processes.Mentioning(n.DataDirectory!)).SelectMany(Tcp.SocketInodesOf).ToHashSet();
        var ours = listening.Where(s => owned.Contains(s.Inode) || s.Port == Cluster.Nodes[0].EpmdPort).ToList();
        Assert.Contains(ours, s => s.Port == Cluster.Nodes[0].EpmdPort);
        Assert.All(Cluster.Nodes, n => Assert.Contains(ours, s => s.Port == n.Port));
        Assert.All(ours, s => Assert.True(s.Loopback, $"port {s.Port} listens on {s.Address}"));
    }

    [Fact]
    public async Task A_quorum_queue_keeps_its_message_when_its_leader_stops_and_the_leader_rejoins_when_started_again()
    {
        var queue = "cluster-quorum-" + Guid.NewGuid().ToString("N");
        await using (var connection = await Amqp.ConnectAsync(Cluster.Nodes[0]))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(
                queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await channel.BasicPublishAsync(
                string.Empty, queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("survives"));
        }

        var leaderName = await Eventually(async () => (await Cluster.QueueLeadersAsync()).GetValueOrDefault(queue), name => name is not null, "the queue has a leader");
        var leader = Assert.Single(Cluster.Nodes, n => n.NodeName == leaderName);
        Assert.Same(leader, await Cluster.BusiestLeaderAsync([queue]));

        // A quorum queue's message count is a metric its leader publishes every few seconds.
        await Eventually(async () => (await Cluster.QueuesAsync()).GetValueOrDefault(queue), count => count == 1, "the queue counts its message");
        Assert.Same(leader, await Cluster.BusiestLeaderAsync([queue], byMessages: true));
        output.WriteLine($"leader before: {leaderName}");

        var stopwatch = Stopwatch.StartNew();
        await leader.StopAsync();
        output.WriteLine($"stopped in {stopwatch.Elapsed.TotalSeconds:F1} s");
        try
        {
            Assert.DoesNotContain(leaderName, await Cluster.RunningNodesAsync());
            var newLeader = await Eventually(
                async () => (await Cluster.QueueLeadersAsync()).GetValueOrDefault(queue), name => name is not null && name != leaderName, "a new leader is elected");
            output.WriteLine($"leader after {stopwatch.Elapsed.TotalSeconds:F1} s: {newLeader}");
            Assert.Contains(newLeader, Cluster.Nodes.Where(n => n != leader).Select(n => n.NodeName));
            Assert.NotSame(leader, await Cluster.BusiestLeaderAsync([queue]));

            var other = Cluster.Nodes.First(n => n != leader);
            await using var connection = await Amqp.ConnectAsync(other);
            await using var channel = await connection.CreateChannelAsync();
            var got = await Amqp.GetAsync(channel, queue, attempts: 100);
            Assert.Equal("survives", Encoding.UTF8.GetString(got.Body.Span));
            Assert.True(got.BasicProperties.Persistent);
        }
        finally
        {
            stopwatch.Restart();
            await leader.StartAgainAsync();
            output.WriteLine($"started again in {stopwatch.Elapsed.TotalSeconds:F1} s");
        }

        Assert.Equal(Cluster.Nodes.Select(n => n.NodeName!), await Cluster.RunningNodesAsync());
        await using (var connection = await Amqp.ConnectAsync(leader))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(queue);
        }
    }

    [Fact]
    public async Task A_node_started_again_while_the_others_are_down_does_not_wait_for_the_one_that_stopped_last()
    {
        // Node 3 stops last: node 1 restarted alone would wait for it (10 × 30 s) without force_boot.
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var node in Cluster.Nodes)
            {
                await node.StopAsync();
            }

            output.WriteLine($"all stopped in {stopwatch.Elapsed.TotalSeconds:F1} s");
            stopwatch.Restart();
            await Cluster.Nodes[0].StartAgainAsync();
            output.WriteLine($"node 1 alone started again in {stopwatch.Elapsed.TotalSeconds:F1} s");

            Assert.Equal([Cluster.Nodes[0].NodeName!], await Cluster.RunningNodesAsync());
            Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(90));
        }
        finally
        {
            stopwatch.Restart();
            await Task.WhenAll(Cluster.Nodes.Select(n => n.StartAgainAsync()));
            output.WriteLine($"the others started again in {stopwatch.Elapsed.TotalSeconds:F1} s");
        }

        Assert.Equal(Cluster.Nodes.Select(n => n.NodeName!), await Cluster.RunningNodesAsync());
    }

    [Fact]
    public async Task Disposing_a_cluster_leaves_no_process_folder_or_port_behind()
    {
        var cluster = await RabbitMqCluster.StartAsync(nodes: 2);
        var folders = cluster.Nodes.Select(n => n.DataDirectory!).ToList();
        var ports = cluster.Nodes.Select(n => n.Port).Append(cluster.Nodes[0].EpmdPort).ToList();
        Assert.Equal(2, (await cluster.RunningNodesAsync()).Count);
        Assert.All(folders, folder => Assert.True(Directory.Exists(folder)));
        Assert.All(folders, folder => Assert.NotEmpty(Processes.Mentioning(folder)));
        var epmd = Assert.Single(Processes.ListeningOn(cluster.Nodes[0].EpmdPort));

        // A stopped node is cleaned up too.
        await cluster.Nodes[1].StopAsync();
        await cluster.DisposeAsync();

        Assert.All(folders, folder => Assert.False(Directory.Exists(folder), folder));
        Assert.All(folders, folder => Assert.Empty(Processes.Mentioning(folder)));
        Assert.False(Processes.Alive(epmd), $"epmd ({epmd}) still runs");
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
        }
    }

    /// <summary>Polls <paramref name="read"/> for up to 60 s until <paramref name="done"/> holds.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        var last = await read();
        while (!done(last))
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new Xunit.Sdk.XunitException($"Not so after 60 s: {what} (last: {last}).");
            }

            await Task.Delay(250);
            last = await read();
        }

        return last;
    }

    private static class Processes
    {
        /// <summary>Processes whose command line or environment names the folder (as in <see cref="CleanupTests"/>).</summary>
        public static List<int> Mentioning(string folder)
            => All().Where(pid =>
            {
                var commandLine = Read($"/proc/{pid}/cmdline");
                var environment = Read($"/proc/{pid}/environ");
                return commandLine.Contains(folder, StringComparison.Ordinal) || environment.Contains(folder, StringComparison.Ordinal);
            }).ToList();

        /// <summary>Processes holding a socket that listens on <paramref name="port"/>.</summary>
        public static List<int> ListeningOn(int port)
        {
            var inodes = Tcp.ListeningSockets().Where(s => s.Port == port).Select(s => s.Inode).ToHashSet();
            return All().Where(pid => Tcp.SocketInodesOf(pid).Any(inodes.Contains)).ToList();
        }

        /// <summary>True while the process exists and is not a zombie.</summary>
        public static bool Alive(int pid)
        {
            var stat = Read($"/proc/{pid}/stat");
            return stat.Length > 0 && !stat[(stat.LastIndexOf(')') + 1)..].TrimStart().StartsWith('Z');
        }

        private static IEnumerable<int> All()
            => Directory.EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
                .Where(pid => pid > 0 && pid != Environment.ProcessId);

        private static string Read(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return string.Empty; // Ended meanwhile, or not ours to read.
            }
        }
    }

    /// <param name="Address">The local address as /proc/net/tcp writes it (hex, in network order per 32-bit word).</param>
    private sealed record ListeningSocket(string Address, int Port, long Inode)
    {
        public bool Loopback => Address is "0100007F" or "00000000000000000000000001000000" or "0000000000000000FFFF00000100007F"; // 127.0.0.1, ::1, ::ffff:127.0.0.1
    }

    private static class Tcp
    {
        /// <summary>Every TCP socket in state LISTEN (0A), from /proc/net/tcp and tcp6.</summary>
        public static List<ListeningSocket> ListeningSockets()
            => new[] { "/proc/net/tcp", "/proc/net/tcp6" }
                .Where(File.Exists)
                .SelectMany(File.ReadLines)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length > 9 && parts[3] == "0A")
                .Select(parts =>
                {
                    var local = parts[1].Split(':');
                    return new ListeningSocket(
                        local[0], int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(parts[9], CultureInfo.InvariantCulture));
                })
                .ToList();

        /// <summary>The socket inodes a process holds open.</summary>
        public static List<long> SocketInodesOf(int pid)
        {
            string[] links;
            try
            {
                links = Directory.GetFiles($"/proc/{pid}/fd");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return [];
            }

            var inodes = new List<long>();
            foreach (var link in links)
            {
                try
                {
                    var target = new FileInfo(link).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && long.TryParse(target["socket:[".Length..^1], CultureInfo.InvariantCulture, out var inode))
                    {
                        inodes.Add(inode);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Closed meanwhile.
                }
            }

            return inodes;
        }
    }
}
