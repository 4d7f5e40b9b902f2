using System.Globalization;
using System.Text.Json.Nodes;

namespace Payments.DeployTests.Support;

/// <summary>
/// What the RabbitMQ Cluster Operator makes of a rendered <c>RabbitmqCluster</c> named N: a StatefulSet N-server whose
/// pods carry the labels below, a headless Service N-nodes (so pod i is N-server-i.N-nodes.namespace.svc), a client
/// Service N, and a Secret N-default-user with the administrator's credentials and the client Service's address.
/// </summary>
internal static class RabbitmqClusters
{
    public const string ApiVersion = "rabbitmq.com/v1beta1";
    public const string Kind = "RabbitmqCluster";
    public const int AmqpPort = 5672;
    public const string ClusterDomain = "cluster.local";

    /// <summary>The keys the operator writes into N-default-user.</summary>
    public static readonly string[] DefaultUserKeys = ["username", "password", "host", "port", "provider", "type", "default_user.conf"];

    public static IEnumerable<JsonObject> In(Rendering rendering) =>
        rendering.OfKind(Kind).Where(o => o.Str("apiVersion") == ApiVersion);

    public static string NameOf(JsonObject cluster) => cluster.Str("metadata", "name")!;

    public static string DefaultUserSecret(string cluster) => $"{cluster}-default-user";

    /// <summary>
    /// The labels the operator puts on every RabbitMQ pod of the cluster; only app.kubernetes.io/name (the cluster's
    /// name, the StatefulSet's selector) is the same in every operator version, so selectors should use that one.
    /// </summary>
    public static Dictionary<string, string> PodLabels(JsonObject cluster) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = NameOf(cluster),
        ["app.kubernetes.io/component"] = "rabbitmq",
        ["app.kubernetes.io/part-of"] = "rabbitmq",
    };

    public static int Replicas(JsonObject cluster) =>
        int.Parse(cluster.Str("spec", "replicas") ?? "1", CultureInfo.InvariantCulture);

    /// <summary>host:port of each node, by the pods' stable names under the headless Service.</summary>
    public static IReadOnlyList<string> NodeAddresses(JsonObject cluster)
    {
        var name = NameOf(cluster);
        var ns = cluster.Str("metadata", "namespace");
        return Enumerable.Range(0, Replicas(cluster))
            .Select(i => $"{name}-server-{i}.{name}-nodes.{ns}.svc.{ClusterDomain}:{AmqpPort}")
            .ToList();
    }

    /// <summary>
    /// The Secret the operator generates for a rendered cluster, as a reference sees it: the real host and port, and
    /// placeholders where the operator generates credentials. Null when <paramref name="secret"/> is no such Secret.
    /// </summary>
    public static Dictionary<string, string>? GeneratedSecret(Rendering rendering, string secret)
    {
        var cluster = In(rendering).FirstOrDefault(c => DefaultUserSecret(NameOf(c)) == secret);
        if (cluster is null)
        {
            return null;
        }

        var data = DefaultUserKeys.ToDictionary(k => k, _ => "generated-by-the-operator", StringComparer.Ordinal);
        data["host"] = $"{NameOf(cluster)}.{cluster.Str("metadata", "namespace")}.svc";
        data["port"] = AmqpPort.ToString(CultureInfo.InvariantCulture);
        return data;
    }
}
