using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Payments.DeployTests.Support;

/// <summary>
/// Whether a rendering's NetworkPolicies let one pod of the namespace open a TCP connection to another: the client's
/// policies must allow the egress and the server's the ingress (the base denies both by default). An ipBlock peer
/// never counts as a pod: pod addresses are not known from the manifests.
/// </summary>
internal static class NetworkPaths
{
    public static bool Connects(
        IReadOnlyList<JsonObject> policies,
        string @namespace,
        IReadOnlyDictionary<string, string> client,
        IReadOnlyDictionary<string, string> server,
        int port) =>
        Allows(policies, "Egress", @namespace, client, server, port) && Allows(policies, "Ingress", @namespace, server, client, port);

    /// <summary>Whether a policy selecting <paramref name="subject"/> has a rule of <paramref name="direction"/> for <paramref name="peer"/> and the port.</summary>
    public static bool Allows(
        IReadOnlyList<JsonObject> policies,
        string direction,
        string @namespace,
        IReadOnlyDictionary<string, string> subject,
        IReadOnlyDictionary<string, string> peer,
        int port)
    {
        var (rules, peers) = direction == "Egress" ? ("egress", "to") : ("ingress", "from");
        var namespaceLabels = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = @namespace };
        return policies
            .Where(p => Selectors.Matches(p.Obj("spec", "podSelector"), subject) && PolicyTypes(p).Contains(direction))
            .SelectMany(p => p.Items("spec", rules))
            .Any(rule => (rule[peers] is null || rule.Items(peers).Any(x => PeerMatches(x, namespaceLabels, peer)))
                && (rule["ports"] is null || rule.Items("ports").Any(x => PortMatches(x, port))));
    }

    /// <summary>
    /// Whether the policies selecting <paramref name="subject"/> let it open a TCP connection to <paramref name="address"/>
    /// outside the namespace's pods: through a rule without peers, or an ipBlock peer whose cidr holds the address and
    /// none of whose 'except' ranges does. A pod or namespace selector never matches an address.
    /// </summary>
    public static bool ReachesAddress(IReadOnlyList<JsonObject> policies, IReadOnlyDictionary<string, string> subject, IPAddress address, int port) =>
        policies
            .Where(p => Selectors.Matches(p.Obj("spec", "podSelector"), subject) && PolicyTypes(p).Contains("Egress"))
            .SelectMany(p => p.Items("spec", "egress"))
            .Any(rule => (!rule.Items("to").Any() || rule.Items("to").Any(peer => InBlock(peer.Obj("ipBlock"), address)))
                && (!rule.Items("ports").Any() || rule.Items("ports").Any(x => PortMatches(x, port))));

    private static bool InBlock(JsonObject? block, IPAddress address) =>
        block?.Str("cidr") is { } cidr
        && System.Net.IPNetwork.Parse(cidr).Contains(address)
        && !block.Strings("except").Any(except => System.Net.IPNetwork.Parse(except).Contains(address));

    /// <summary>A policy without policyTypes covers Ingress, and Egress when it has egress rules.</summary>
    private static List<string> PolicyTypes(JsonObject policy)
    {
        var types = policy.Strings("spec", "policyTypes").ToList();
        if (types.Count > 0)
        {
            return types;
        }

        return policy.Obj("spec")?["egress"] is null ? ["Ingress"] : ["Ingress", "Egress"];
    }

    private static bool PeerMatches(JsonObject peer, IReadOnlyDictionary<string, string> namespaceLabels, IReadOnlyDictionary<string, string> labels) =>
        peer.Obj("ipBlock") is null
        && Selectors.Matches(peer.Obj("namespaceSelector"), namespaceLabels)
        && Selectors.Matches(peer.Obj("podSelector"), labels);

    private static bool PortMatches(JsonObject rule, int port)
    {
        if (rule.Str("protocol") is { } protocol && protocol != "TCP")
        {
            return false;
        }

        if (rule.Str("port") is not { } value)
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return false; // a named port: the servers here are not ours, their port names are not known
        }

        var last = rule.Str("endPort") is { } end ? int.Parse(end, CultureInfo.InvariantCulture) : first;
        return port >= first && port <= last;
    }
}
