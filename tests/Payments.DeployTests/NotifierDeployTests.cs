using System.Buffers.Binary;
using System.Net;
using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>
/// The one service that calls out of the cluster: the Notifier POSTs signed webhooks to the game servers. Wherever it
/// is deployed it may reach public addresses over https and nothing inside — its egress policy excepts the private
/// ranges, and it refuses them itself — and its game servers' settings, the signing secrets above all, come from a
/// Secret (compose: its git-ignored env file), never from a ConfigMap or a committed value.
/// </summary>
public sealed class NotifierDeployTests
{
    private const int Https = 443;
    private const int Http = 80;

    /// <summary>Public addresses the game servers may have (well-known resolvers, a documentation range).</summary>
    private static readonly string[] PublicAddresses = ["1.1.1.1", "8.8.8.8", "203.0.113.10"];

    /// <summary>Inside the ranges and worth naming: the cloud metadata endpoint, the usual first Service address.</summary>
    private static readonly string[] NotableInternalAddresses = ["169.254.169.254", "10.96.0.1"];

    public static TheoryData<string> Overlays => new(Deploy.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Its_egress_policy_allows_https_to_public_addresses_and_excludes_the_private_ranges(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var policies = rendering.OfKind("NetworkPolicy").ToList();
        var notifier = rendering.Workloads.SingleOrDefault(w => w.Kind == "Deployment" && w.Name == NotifierChecks.Service)
            ?? throw new Xunit.Sdk.XunitException($"{overlay}: no Deployment {NotifierChecks.Service}.");
        var failures = new List<string>();

        // Every public address on 443 — including the first ones just outside each private range, so an 'except'
        // wider than the range would show — and none on plain http: the bodies carry grants.
        var ranges = NotifierChecks.PrivateRanges.Select(r => System.Net.IPNetwork.Parse(r)).ToList();
        var outside = PublicAddresses.Select(IPAddress.Parse)
            .Concat(ranges.SelectMany(r => new[] { Offset(First(r), -1), Offset(Last(r), 1) }))
            .ToList();
        foreach (var address in outside)
        {
            if (!NetworkPaths.ReachesAddress(policies, notifier.PodLabels, address, Https))
            {
                failures.Add($"{overlay}: the Notifier may not reach {address}:{Https}, a public address a game server may have.");
            }

            if (NetworkPaths.ReachesAddress(policies, notifier.PodLabels, address, Http))
            {
                failures.Add($"{overlay}: the Notifier may reach {address}:{Http}; webhooks go over https only.");
            }
        }

        // No address of a private range, from its first to its last.
        var inside = ranges.SelectMany(r => new[] { First(r), Offset(First(r), 1), Last(r) })
            .Concat(NotableInternalAddresses.Select(IPAddress.Parse));
        failures.AddRange(inside.Where(address => NetworkPaths.ReachesAddress(policies, notifier.PodLabels, address, Https))
            .Select(address => $"{overlay}: the Notifier may reach {address}:{Https}, inside the cluster's networks."));

        // Nor any pod of the namespace on 443 by selector (pod addresses are not known from the manifests).
        var ns = notifier.Object.Str("metadata", "namespace")!;
        var pods = rendering.Workloads.Where(w => w.Name != notifier.Name)
            .Select(w => (Name: w.ToString(), Labels: (IReadOnlyDictionary<string, string>)w.PodLabels))
            .Concat(RabbitmqClusters.In(rendering).Select(c => (Name: $"{RabbitmqClusters.Kind}/{RabbitmqClusters.NameOf(c)}",
                Labels: (IReadOnlyDictionary<string, string>)RabbitmqClusters.PodLabels(c))));
        failures.AddRange(pods.Where(pod => NetworkPaths.Allows(policies, "Egress", ns, notifier.PodLabels, pod.Labels, Https))
            .Select(pod => $"{overlay}: the Notifier may reach the pods of {pod.Name} on {Https}."));

        // It is the only one of the services that leaves the cluster.
        var others = rendering.Workloads.Where(w => w.Kind == "Deployment" && w.Name != notifier.Name
            && w.PodLabels.GetValueOrDefault("app.kubernetes.io/component") == "service");
        failures.AddRange(others.Where(w => PublicAddresses.Any(a => NetworkPaths.ReachesAddress(policies, w.PodLabels, IPAddress.Parse(a), Https)))
            .Select(w => $"{overlay}: {w} may reach public addresses on {Https}; only the Notifier calls out."));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task It_refuses_loopback_and_private_addresses_itself_wherever_it_is_deployed()
    {
        var deployments = new List<(string Where, IReadOnlyDictionary<string, string?> Env)>();
        foreach (var overlay in Deploy.Overlays)
        {
            var container = await ContainerAsync(overlay);
            deployments.Add((container.Where, container.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal)));
        }

        var compose = await Deploy.ComposeAsync();
        deployments.Add(($"compose: {NotifierChecks.Service}",
            compose.Obj("services", NotifierChecks.Service).StringMap("environment").ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal)));

        // Off is the default; a deployment may say so, never turn one on (the standalone host alone delivers to loopback).
        var failures = deployments
            .SelectMany(d => NotifierChecks.InternalAddressSwitches.Select(setting => (d.Where, Setting: setting, Value: d.Env.GetValueOrDefault(setting))))
            .Where(s => s.Value is not null && !string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase))
            .Select(s => $"{s.Where}: {s.Setting} is {s.Value}; the Notifier must never deliver to loopback or into the cluster's networks.")
            .ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(Deploy.Overlays.Count + 1, deployments.Count);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Its_endpoints_and_signing_secrets_come_from_a_Secret_never_a_ConfigMap(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var container = await ContainerAsync(overlay);

        // The game servers are configured (in production from the Secret the operators create: the dev overlay's values
        // stand in), and every setting of theirs comes from a Secret — the URL too, which may carry a token.
        var endpoints = container.Env.Where(e => NotifierChecks.EndpointSetting().IsMatch(e.Name)).ToList();
        Assert.True(endpoints.Any(e => NotifierChecks.SigningSecretSetting().IsMatch(e.Name)),
            $"{container.Where}: no Notifier__Endpoints__{{name}}__Secrets__{{i}} at all ({string.Join(", ", container.Env.Select(e => e.Name))}).");
        var failures = endpoints.Where(e => !e.Source.StartsWith("Secret ", StringComparison.Ordinal))
            .Select(e => $"{container.Where}: {e.Name} comes from {e.Source}, not from a Secret.").ToList();

        // No ConfigMap holds a game server's setting or a signing secret, and no container gets one but from a Secret.
        foreach (var name in rendering.OfKind("ConfigMap").Select(c => c.Str("metadata", "name")!))
        {
            failures.AddRange(rendering.Data("ConfigMap", name)!
                .Where(p => NotifierChecks.EndpointSetting().IsMatch(p.Key) || p.Value.Contains(NotifierChecks.SecretPrefix, StringComparison.Ordinal))
                .Select(p => $"{overlay}: ConfigMap {name} holds {p.Key}, a game server's setting or signing secret."));
        }

        failures.AddRange(rendering.Containers().SelectMany(c => c.Env.Select(e => (c.Where, Env: e)))
            .Where(x => x.Env.Value?.Contains(NotifierChecks.SecretPrefix, StringComparison.Ordinal) == true && !x.Env.Source.StartsWith("Secret ", StringComparison.Ordinal))
            .Select(x => $"{x.Where}: {x.Env.Name} is a signing secret from {x.Env.Source}, not from a Secret."));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Distinct()));
    }

    [Fact]
    public async Task In_compose_its_endpoints_and_signing_secrets_come_from_its_env_file_only()
    {
        var raw = Yaml.ParseSingle(Repository.ReadText(Deploy.ComposeFile)); // what docker-compose.yml itself says
        var written = raw.Obj("services", NotifierChecks.Service).StringMap("environment");
        var inFile = written.Keys.Where(k => NotifierChecks.EndpointSetting().IsMatch(k)).ToList();
        Assert.True(inFile.Count == 0, $"{Deploy.ComposeFile} sets {string.Join(", ", inFile)} itself; the game servers belong in the git-ignored env file.");
        Assert.False(Repository.ReadText(Deploy.ComposeFile).Contains(NotifierChecks.SecretPrefix, StringComparison.Ordinal),
            $"{Deploy.ComposeFile} holds a signing secret ({NotifierChecks.SecretPrefix}…).");

        // What the service gets: the game servers of the env file (here its committed example), signing secrets included.
        var compose = await Deploy.ComposeAsync();
        var env = compose.Obj("services", NotifierChecks.Service).StringMap("environment");
        var fromFile = Repository.ReadText(Deploy.NotifierEnvExample).Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        var endpoints = env.Keys.Where(k => NotifierChecks.EndpointSetting().IsMatch(k)).ToList();
        Assert.True(endpoints.Any(k => NotifierChecks.SigningSecretSetting().IsMatch(k)),
            $"compose: {NotifierChecks.Service} gets no Notifier__Endpoints__{{name}}__Secrets__{{i}} from its env file ({Deploy.NotifierEnvExample}).");
        Assert.All(endpoints, k => Assert.True(fromFile.Contains(k), $"compose: {NotifierChecks.Service} {k} does not come from its env file."));
    }

    /// <summary>The Notifier's own container (not its init container) in an overlay.</summary>
    private static async Task<ContainerSpec> ContainerAsync(string overlay)
    {
        var containers = (await KubernetesServiceTests.OurContainersAsync(overlay))
            .Where(c => !c.Container.IsInit && c.Container.Workload!.Name == NotifierChecks.Service).ToList();
        Assert.True(containers.Count == 1, $"{overlay}: {containers.Count} Notifier containers; expected one, in the Deployment {NotifierChecks.Service}.");
        return containers[0].Container;
    }

    private static IPAddress First(System.Net.IPNetwork range) => range.BaseAddress;

    private static IPAddress Last(System.Net.IPNetwork range) =>
        Offset(range.BaseAddress, (long)(uint.MaxValue >> range.PrefixLength));

    private static IPAddress Offset(IPAddress address, long offset)
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()) + offset;
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, checked((uint)value));
        return new IPAddress(bytes);
    }
}
