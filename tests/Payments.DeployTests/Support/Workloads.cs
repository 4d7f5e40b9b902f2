using System.Text;
using System.Text.Json.Nodes;

namespace Payments.DeployTests.Support;

/// <summary>One environment variable of a container; <see cref="Value"/> is null when its Secret is not rendered.</summary>
internal sealed record EnvVar(string Name, string? Value, string Source);

/// <summary>A container of a rendered workload (or a compose service), with its environment resolved.</summary>
internal sealed record ContainerSpec(
    string Where,
    string Name,
    string Image,
    bool IsInit,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<EnvVar> Env,
    JsonObject Raw,
    Workload? Workload);

/// <summary>A Deployment, StatefulSet or Job of a rendering, with its pod template.</summary>
internal sealed record Workload(string Kind, string Name, JsonObject Object)
{
    public JsonObject PodSpec => Object.Obj("spec", "template", "spec")!;

    public JsonObject? PodMetadata => Object.Obj("spec", "template", "metadata");

    public Dictionary<string, string> PodLabels => Object.StringMap("spec", "template", "metadata", "labels");

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>A rendered overlay: every object, and the lookups the tests need.</summary>
internal sealed class Rendering
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "Job", "DaemonSet"];

    public Rendering(string name, IReadOnlyList<JsonObject> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => o.Str("metadata", "name") == name);

    public IEnumerable<Workload> Workloads => Objects
        .Where(o => WorkloadKinds.Contains(o.Str("kind")))
        .Select(o => new Workload(o.Str("kind")!, o.Str("metadata", "name")!, o));

    /// <summary>
    /// A ConfigMap's or Secret's data by the name a reference uses; a generated name's hash suffix is ignored. A Secret
    /// an operator generates for a custom resource of the rendering counts as rendered (<see cref="RabbitmqClusters"/>).
    /// </summary>
    public Dictionary<string, string>? Data(string kind, string name)
    {
        var match = OfKind(kind).FirstOrDefault(o => o.Str("metadata", "name") == name)
            ?? OfKind(kind).FirstOrDefault(o => IsGeneratedName(o.Str("metadata", "name")!, name));
        if (match is null)
        {
            return kind == "Secret" ? RabbitmqClusters.GeneratedSecret(this, name) : null;
        }

        var data = match.StringMap("data");
        if (kind == "Secret")
        {
            data = data.ToDictionary(
                p => p.Key,
                p => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(p.Value.Where(c => !char.IsWhiteSpace(c))))),
                StringComparer.Ordinal);
            foreach (var (key, value) in match.StringMap("stringData"))
            {
                data[key] = value;
            }
        }

        return data;
    }

    /// <summary>Every container (init containers too) with its environment resolved in this rendering, else in <paramref name="fallback"/>.</summary>
    public IEnumerable<ContainerSpec> Containers(Rendering? fallback = null)
    {
        foreach (var workload in Workloads)
        {
            foreach (var (container, isInit) in workload.PodSpec.Items("initContainers").Select(c => (c, true))
                         .Concat(workload.PodSpec.Items("containers").Select(c => (c, false))))
            {
                yield return new ContainerSpec(
                    $"{Name}: {workload} container {container.Str("name")}",
                    container.Str("name")!,
                    container.Str("image")!,
                    isInit,
                    container.Strings("args").ToList(),
                    ResolveEnv(container, fallback),
                    container,
                    workload);
            }
        }
    }

    /// <summary>Names the references point at (ConfigMap or Secret, name, key or null for envFrom) in every container.</summary>
    public IEnumerable<(string Kind, string Name, string? Key, string Where)> References()
    {
        foreach (var workload in Workloads)
        {
            foreach (var container in workload.PodSpec.Items("initContainers").Concat(workload.PodSpec.Items("containers")))
            {
                var where = $"{Name}: {workload} container {container.Str("name")}";
                foreach (var env in container.Items("env"))
                {
                    if (env.Obj("valueFrom", "configMapKeyRef") is { } cm)
                    {
                        yield return ("ConfigMap", cm.Str("name")!, cm.Str("key"), where);
                    }

                    if (env.Obj("valueFrom", "secretKeyRef") is { } secret)
                    {
                        yield return ("Secret", secret.Str("name")!, secret.Str("key"), where);
                    }
                }

                foreach (var from in container.Items("envFrom"))
                {
                    if (from.Obj("configMapRef") is { } cm)
                    {
                        yield return ("ConfigMap", cm.Str("name")!, null, where);
                    }

                    if (from.Obj("secretRef") is { } secret)
                    {
                        yield return ("Secret", secret.Str("name")!, null, where);
                    }
                }
            }

            foreach (var volume in workload.PodSpec.Items("volumes"))
            {
                if (volume.Str("configMap", "name") is { } cm)
                {
                    yield return ("ConfigMap", cm, null, $"{Name}: {workload} volume {volume.Str("name")}");
                }

                if (volume.Str("secret", "secretName") is { } secret)
                {
                    yield return ("Secret", secret, null, $"{Name}: {workload} volume {volume.Str("name")}");
                }
            }
        }
    }

    private List<EnvVar> ResolveEnv(JsonObject container, Rendering? fallback)
    {
        var result = new List<EnvVar>();
        foreach (var from in container.Items("envFrom"))
        {
            var (kind, name) = from.Obj("secretRef") is { } s ? ("Secret", s.Str("name")!) : ("ConfigMap", from.Str("configMapRef", "name")!);
            var data = Data(kind, name) ?? fallback?.Data(kind, name);
            if (data is null)
            {
                result.Add(new EnvVar($"<every key of {kind} {name}>", null, $"{kind} {name} (not rendered)"));
                continue;
            }

            var prefix = from.Str("prefix") ?? string.Empty;
            result.AddRange(data.Select(p => new EnvVar(prefix + p.Key, p.Value, $"{kind} {name}")));
        }

        foreach (var env in container.Items("env"))
        {
            var name = env.Str("name")!;
            result.RemoveAll(e => e.Name == name);
            if (env.Obj("valueFrom") is not { } valueFrom)
            {
                result.Add(new EnvVar(name, env.Str("value") ?? string.Empty, "value"));
                continue;
            }

            var (kind, reference) = valueFrom.Obj("secretKeyRef") is { } secret ? ("Secret", secret) : ("ConfigMap", valueFrom.Obj("configMapKeyRef"));
            if (reference is null)
            {
                result.Add(new EnvVar(name, "downward-api", "fieldRef"));
                continue;
            }

            var refName = reference.Str("name")!;
            var key = reference.Str("key")!;
            var value = Data(kind, refName)?.GetValueOrDefault(key) ?? fallback?.Data(kind, refName)?.GetValueOrDefault(key);
            result.Add(new EnvVar(name, value, $"{kind} {refName} key {key}"));
        }

        return result;
    }

    /// <summary>kustomize appends '-' and a 10-character hash to generated ConfigMap and Secret names.</summary>
    private static bool IsGeneratedName(string actual, string reference) =>
        actual.Length == reference.Length + 11 && actual.StartsWith(reference + "-", StringComparison.Ordinal);
}
