using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Payments.DeployTests.Support;

/// <summary>One service the console is configured to call: its setting, the URL, and the pods and port it reaches.</summary>
internal sealed record ConsoleTarget(string Setting, Uri Url, Workload Workload, int PodPort);

/// <summary>
/// The operator console as a deployment sets it up: the services it calls (<c>Console__Services__{name}</c>), its own
/// API key (<c>Console__ApiKey</c>, a key itself: the console is a caller) and the key entry the services hold for it.
/// </summary>
internal static partial class ConsoleChecks
{
    /// <summary>The Deployment and compose service that run the console.</summary>
    public const string Service = "console";

    /// <summary>The console's own key: the one setting of a deployment that holds an API key itself.</summary>
    public const string KeySetting = "Console__ApiKey";

    /// <summary>compose: the variable that sets the console's key.</summary>
    public const string KeyVariable = "PAYMENTS_CONSOLE_API_KEY";

    /// <summary>Kubernetes: the Secret and key that hold the console's key.</summary>
    public const string KeySecret = "payments-console";

    public const string KeySecretKey = "api-key";

    /// <summary>The dev overlay's placeholder for that Secret.</summary>
    public const string DevKeyFile = "deploy/overlays/dev/secrets/console.example.env";

    /// <summary>The name of the console's key entry on the services (<c>Auth__ApiKeys__console__…</c>).</summary>
    public const string Caller = "console";

    /// <summary>
    /// Least privilege: the scopes the console's key holds on each service — what its pages call, nothing more (the
    /// Notifier's write routes stay with the operators' own key). Services not listed hold no entry for it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> ScopesByService = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["orders"] = ["orders:read", "orders:resolve"],
        ["entitlements"] = ["entitlements:read"],
        ["archive"] = ["archive:read", "archive:replay", "dead-letters:read", "dead-letters:requeue"],
        ["notifier"] = ["notifier:read"],
    };

    /// <summary>The services the console knows (ConsoleServices.All), by deployment name; the first three are required.</summary>
    public static readonly string[] Targets = ["orders", "entitlements", "archive", "notifier", "ingress", "normalizer"];

    [GeneratedRegex("^Console__Services__(?<name>.+)$")]
    public static partial Regex ServiceSetting();

    /// <summary>Whether an environment variable's source is the console's Secret (a generated name's hash ignored).</summary>
    public static bool FromKeySecret(EnvVar env) =>
        Regex.IsMatch(env.Source, $"^Secret {Regex.Escape(KeySecret)}(-[a-z0-9]{{10}})? key {Regex.Escape(KeySecretKey)}$");

    /// <summary>Whether a rendered Secret's name is the console's Secret (a generated name's hash ignored).</summary>
    public static bool IsKeySecret(string name) => Regex.IsMatch(name, $"^{Regex.Escape(KeySecret)}(-[a-z0-9]{{10}})?$");

    /// <summary>
    /// Each <c>Console__Services__{name}</c> of <paramref name="container"/>, resolved in the rendering: the Service its
    /// host names, the workload that Service selects, and the container port its URL's port leads to.
    /// </summary>
    public static List<ConsoleTarget> Resolve(Rendering rendering, ContainerSpec container)
    {
        var result = new List<ConsoleTarget>();
        foreach (var env in container.Env.Where(e => ServiceSetting().IsMatch(e.Name)))
        {
            var url = new Uri(env.Value ?? throw new Xunit.Sdk.XunitException($"{container.Where}: {env.Name} is not rendered."));
            var host = url.Host.Split('.')[0];
            var service = rendering.Find("Service", host)
                ?? throw new Xunit.Sdk.XunitException($"{container.Where}: {env.Name}={url} names no Service of the rendering.");
            var port = service.Items("spec", "ports").SingleOrDefault(p => p.Str("port") == url.Port.ToString(CultureInfo.InvariantCulture))
                ?? throw new Xunit.Sdk.XunitException($"{container.Where}: Service {host} has no port {url.Port} ({env.Name}).");
            var selector = new JsonObject { ["matchLabels"] = service.Obj("spec", "selector")!.DeepClone() };
            var workload = rendering.Workloads.SingleOrDefault(w => Selectors.Matches(selector, w.PodLabels))
                ?? throw new Xunit.Sdk.XunitException($"{container.Where}: Service {host} selects no single workload ({env.Name}).");
            var target = port.Str("targetPort");
            var podPort = workload.PodSpec.Items("containers").SelectMany(c => c.Items("ports"))
                .FirstOrDefault(p => p.Str("name") == target || p.Str("containerPort") == target)?.Str("containerPort")
                ?? throw new Xunit.Sdk.XunitException($"{container.Where}: {workload} has no container port {target} ({env.Name}).");
            result.Add(new ConsoleTarget(env.Name, url, workload, int.Parse(podPort, CultureInfo.InvariantCulture)));
        }

        return result;
    }
}
