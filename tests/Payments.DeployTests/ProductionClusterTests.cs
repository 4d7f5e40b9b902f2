using System.Globalization;
using System.Text.Json.Nodes;
using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>
/// The production overlay runs as a cluster (issue 16): every service in two or more replicas that a node drain takes
/// down one at a time and the scheduler spreads over nodes and zones, against a three-node RabbitMQ whose nodes each
/// service knows by name, with replicated (quorum) queues.
/// </summary>
public sealed class ProductionClusterTests
{
    private const string Overlay = "production";
    private const string HostnameKey = "kubernetes.io/hostname";
    private const string ZoneKey = "topology.kubernetes.io/zone";
    private const string ClusterNodesVariable = "Bus__RabbitMq__ClusterNodes__";

    [Fact]
    public async Task Every_service_runs_at_least_two_replicas()
    {
        var rendering = await Deploy.RenderAsync(Overlay);
        var services = Replicated(rendering);
        Assert.Equal(["archive", "console", "entitlements", "ingress", "normalizer", "notifier", "orders"], services.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(services, service => Assert.True(Replicas(rendering, service) >= 2,
            $"{service}: {Replicas(rendering, service)} replica(s); one node going away would stop it."));

        var hpa = Assert.Single(rendering.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal("ingress", hpa.Str("spec", "scaleTargetRef", "name"));
        Assert.True(int.Parse(hpa.Str("spec", "minReplicas") ?? "1", CultureInfo.InvariantCulture) >= 2, "The Ingress autoscaler may scale to one replica.");
    }

    [Fact]
    public async Task Every_service_has_a_disruption_budget_that_lets_a_drain_take_one_pod_but_never_all()
    {
        var rendering = await Deploy.RenderAsync(Overlay);
        var budgets = rendering.OfKind("PodDisruptionBudget").ToList();
        var failures = new List<string>();
        foreach (var service in Replicated(rendering))
        {
            var selecting = budgets.Where(b => Selectors.Matches(b.Obj("spec", "selector"), service.PodLabels)).ToList();
            if (selecting.Count != 1)
            {
                failures.Add($"{service}: {selecting.Count} PodDisruptionBudgets select its pods; exactly one should.");
                continue;
            }

            var budget = selecting[0];
            var others = OtherPods(rendering, service).Where(labels => Selectors.Matches(budget.Obj("spec", "selector"), labels)).ToList();
            if (others.Count > 0)
            {
                failures.Add($"{service}: PodDisruptionBudget {budget.Str("metadata", "name")} also selects other pods ({string.Join("; ", others.Select(Describe))}).");
            }

            var replicas = Replicas(rendering, service);
            var allowed = AllowedDisruptions(budget, replicas);
            if (allowed < 1 || allowed >= replicas)
            {
                failures.Add($"{service}: PodDisruptionBudget {budget.Str("metadata", "name")} allows {allowed} of {replicas} pods down at once; a drain needs 1 to {replicas - 1}.");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_service_spreads_its_own_pods_over_nodes_and_zones()
    {
        var rendering = await Deploy.RenderAsync(Overlay);
        var failures = new List<string>();
        foreach (var service in Replicated(rendering))
        {
            var constraints = service.PodSpec.Items("topologySpreadConstraints").ToList();
            foreach (var key in new[] { HostnameKey, ZoneKey })
            {
                var constraint = constraints.SingleOrDefault(c => c.Str("topologyKey") == key);
                if (constraint is null)
                {
                    failures.Add($"{service}: no topologySpreadConstraint over {key}.");
                    continue;
                }

                var selector = constraint.Obj("labelSelector");
                if (selector is null || !Selectors.Matches(selector, service.PodLabels) || OtherPods(rendering, service).Any(labels => Selectors.Matches(selector, labels)))
                {
                    failures.Add($"{service}: the spread over {key} does not count exactly its own pods.");
                }

                if (constraint.Str("maxSkew") != "1")
                {
                    failures.Add($"{service}: the spread over {key} has maxSkew {constraint.Str("maxSkew")}, not 1.");
                }

                // Zones may be fewer than replicas, or missing (a single-zone cluster): prefer, never block scheduling.
                if (key == ZoneKey && constraint.Str("whenUnsatisfiable") != "ScheduleAnyway")
                {
                    failures.Add($"{service}: the spread over zones must be ScheduleAnyway, not {constraint.Str("whenUnsatisfiable")}.");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task RabbitMQ_runs_as_three_persistent_nodes_on_separate_hosts_spread_over_zones()
    {
        var rendering = await Deploy.RenderAsync(Overlay);
        var cluster = TheCluster(rendering);
        Assert.Equal(3, RabbitmqClusters.Replicas(cluster));
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(cluster.Str("spec", "resources", kind, resource) is not null, $"The RabbitmqCluster has no {resource} {kind}.");
            }
        }

        Assert.NotNull(cluster.Str("spec", "persistence", "storage"));

        // Each node on its own host, or one host's loss takes two of three replicas of every quorum queue.
        var labels = RabbitmqClusters.PodLabels(cluster);
        var required = cluster.Items("spec", "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
            .Where(term => Selectors.Matches(term.Obj("labelSelector"), labels)).Select(term => term.Str("topologyKey")).ToList();
        Assert.Contains(HostnameKey, required);
        var zoneSpread = cluster.Items("spec", "override", "statefulSet", "spec", "template", "spec", "topologySpreadConstraints")
            .SingleOrDefault(c => c.Str("topologyKey") == ZoneKey);
        Assert.True(zoneSpread is not null, "The RabbitMQ nodes are not spread over zones.");
        Assert.True(Selectors.Matches(zoneSpread.Obj("labelSelector"), labels), "The RabbitMQ zone spread does not count the RabbitMQ pods.");
        Assert.Equal("ScheduleAnyway", zoneSpread.Str("whenUnsatisfiable"));

        // A drain takes one node at a time: two of three keep every quorum queue's majority.
        var budget = Assert.Single(rendering.OfKind("PodDisruptionBudget"), b => Selectors.Matches(b.Obj("spec", "selector"), labels));
        Assert.Equal(1, AllowedDisruptions(budget, RabbitmqClusters.Replicas(cluster)));
    }

    [Fact]
    public async Task Every_service_knows_the_three_RabbitMQ_nodes_and_declares_quorum_queues()
    {
        var rendering = await Deploy.RenderAsync(Overlay);
        var cluster = TheCluster(rendering);
        var name = RabbitmqClusters.NameOf(cluster);
        var expected = RabbitmqClusters.NodeAddresses(cluster);
        // The six services; the console has no broker (ConsoleDeployTests: it may not even reach one).
        var containers = (await KubernetesServiceTests.OurContainersAsync(Overlay))
            .Select(c => c.Container).Where(c => c.Workload!.Kind == "Deployment" && !c.IsInit && Services(rendering).Any(s => s.Name == c.Workload.Name)).ToList();
        Assert.Equal(6, containers.Count);
        foreach (var container in containers)
        {
            var env = container.Env.ToDictionary(e => e.Name, StringComparer.Ordinal);
            var nodes = env.Keys.Where(k => k.StartsWith(ClusterNodesVariable, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(k => env[k].Value).ToList();
            Assert.True(expected.SequenceEqual(nodes),
                $"{container.Where}: cluster nodes [{string.Join(", ", nodes)}], expected [{string.Join(", ", expected)}].");
            Assert.Equal(3, nodes.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal("true", env.GetValueOrDefault("Bus__RabbitMq__QuorumQueues")?.Value);
            Assert.Equal(RabbitmqClusters.AmqpPort.ToString(CultureInfo.InvariantCulture), env.GetValueOrDefault("Bus__RabbitMq__Port")?.Value);

            // The credentials (and the client Service's address) are the ones the operator generates for the cluster.
            foreach (var (variable, key) in new[] { ("Host", "host"), ("Username", "username"), ("Password", "password") })
            {
                Assert.Equal($"Secret {RabbitmqClusters.DefaultUserSecret(name)} key {key}", env.GetValueOrDefault($"Bus__RabbitMq__{variable}")?.Source);
            }
        }
    }

    [Fact]
    public async Task Network_policies_let_the_services_reach_every_RabbitMQ_node_and_the_nodes_each_other()
    {
        var rendering = await Deploy.RenderAsync(Overlay);
        var policies = rendering.OfKind("NetworkPolicy").ToList();
        var cluster = TheCluster(rendering);
        var broker = RabbitmqClusters.PodLabels(cluster);
        var ns = cluster.Str("metadata", "namespace")!;
        foreach (var service in Services(rendering))
        {
            Assert.True(NetworkPaths.Connects(policies, ns, service.PodLabels, broker, RabbitmqClusters.AmqpPort),
                $"{service} cannot open AMQP ({RabbitmqClusters.AmqpPort}) to the RabbitMQ pods.");
        }

        // Erlang distribution: epmd and the inter-node port, between the cluster's own pods.
        foreach (var port in new[] { 4369, 25672 })
        {
            Assert.True(NetworkPaths.Connects(policies, ns, broker, broker, port), $"The RabbitMQ nodes cannot reach each other on {port}.");
            Assert.All(Services(rendering), service => Assert.False(NetworkPaths.Connects(policies, ns, service.PodLabels, broker, port),
                $"{service} may reach the RabbitMQ nodes' inter-node port {port}."));
        }

        // The broker is in the namespace now: no service egress by address range to AMQP ports any more.
        var byRange = policies.Where(p => Services(rendering).Any(s => Selectors.Matches(p.Obj("spec", "podSelector"), s.PodLabels)))
            .SelectMany(p => p.Items("spec", "egress"))
            .Where(rule => rule.Items("to").Any(peer => peer.Obj("ipBlock") is not null)
                && rule.Items("ports").Any(port => port.Str("port") is "5671" or "5672"))
            .ToList();
        Assert.Empty(byRange);
    }

    private static JsonObject TheCluster(Rendering rendering)
    {
        var clusters = RabbitmqClusters.In(rendering).ToList();
        Assert.True(clusters.Count == 1,
            $"{Overlay}: {clusters.Count} {RabbitmqClusters.Kind} resources ({RabbitmqClusters.ApiVersion}); the broker should be one cluster.");
        return clusters[0];
    }

    /// <summary>The Deployments running the six services (component 'service'): the broker's clients.</summary>
    private static List<Workload> Services(Rendering rendering) => rendering.Workloads
        .Where(w => w.Kind == "Deployment" && w.PodLabels.GetValueOrDefault("app.kubernetes.io/component") == "service")
        .ToList();

    /// <summary>The six services and the console (component 'console'): each runs replicated, budgeted and spread.</summary>
    private static List<Workload> Replicated(Rendering rendering) => rendering.Workloads
        .Where(w => w.Kind == "Deployment" && w.PodLabels.GetValueOrDefault("app.kubernetes.io/component") is "service" or ConsoleChecks.Service)
        .ToList();

    /// <summary>The labels of every other pod the rendering (and the operator, for a RabbitmqCluster) starts.</summary>
    private static IEnumerable<IReadOnlyDictionary<string, string>> OtherPods(Rendering rendering, Workload service) =>
        rendering.Workloads.Where(w => w.Kind != service.Kind || w.Name != service.Name).Select(w => (IReadOnlyDictionary<string, string>)w.PodLabels)
            .Concat(RabbitmqClusters.In(rendering).Select(RabbitmqClusters.PodLabels));

    /// <summary>The replicas a service runs at least: the autoscaler's minimum where one scales it.</summary>
    private static int Replicas(Rendering rendering, Workload service)
    {
        var hpa = rendering.OfKind("HorizontalPodAutoscaler").FirstOrDefault(h =>
            h.Str("spec", "scaleTargetRef", "kind") == service.Kind && h.Str("spec", "scaleTargetRef", "name") == service.Name);
        var value = hpa is not null ? hpa.Str("spec", "minReplicas") ?? "1" : service.Object.Str("spec", "replicas") ?? "1";
        return int.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>How many of <paramref name="replicas"/> healthy pods a budget lets an eviction take (percentages round up, as Kubernetes does).</summary>
    private static int AllowedDisruptions(JsonObject budget, int replicas)
    {
        if (budget.Str("spec", "maxUnavailable") is { } maxUnavailable)
        {
            return Math.Min(replicas, Count(maxUnavailable));
        }

        return Math.Max(0, replicas - Count(budget.Str("spec", "minAvailable") ?? "0"));

        int Count(string value) => value.EndsWith('%')
            ? (int)Math.Ceiling(replicas * int.Parse(value[..^1], CultureInfo.InvariantCulture) / 100.0)
            : int.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string Describe(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
