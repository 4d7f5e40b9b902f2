using System.Globalization;
using System.Text.Json.Nodes;
using Payments.DeployTests.Support;
using Payments.Migrator;
using Payments.ServiceDefaults.OpenApi;

namespace Payments.DeployTests;

/// <summary>Security, resources, network policies, scaling, the migration Job and Secrets of each rendered overlay.</summary>
public sealed class KubernetesPolicyTests
{
    private const string WritableRootAnnotation = "payments.example/writable-root-filesystem";
    private const string Namespace = "payments";

    public static TheoryData<string> Overlays => new(Deploy.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_runs_non_root_read_only_without_privileges(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var ours = (await KubernetesServiceTests.OurContainersAsync(overlay)).Select(c => c.Container.Where).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var container in rendering.Containers())
        {
            var pod = container.Workload!.PodSpec;
            var own = container.Raw.Obj("securityContext");
            var podContext = pod.Obj("securityContext");
            string? Effective(string field) => own?.Str(field) ?? podContext?.Str(field);

            Check(Effective("runAsNonRoot") == "true", "runAsNonRoot is not true");
            Check(Effective("runAsUser") != "0", "runs as user 0");
            Check(own?.Str("allowPrivilegeEscalation") == "false", "allowPrivilegeEscalation is not false");
            Check(own?.Str("privileged") != "true", "is privileged");
            Check(own.Strings("capabilities", "drop").Contains("ALL"), "does not drop ALL capabilities");
            Check(!own.Strings("capabilities", "add").Any(), "adds capabilities");
            Check((own?.Str("seccompProfile", "type") ?? podContext?.Str("seccompProfile", "type")) == "RuntimeDefault", "seccompProfile is not RuntimeDefault");
            Check(pod.Str("hostNetwork") != "true" && pod.Str("hostPID") != "true" && pod.Str("hostIPC") != "true", "shares a host namespace");
            Check(pod.Str("automountServiceAccountToken") == "false", "mounts a service account token it does not need");
            if (own?.Str("readOnlyRootFilesystem") != "true")
            {
                // Only third-party development images may write to their root file system, and must say why.
                var exempt = !ours.Contains(container.Where) && overlay == "dev"
                    && container.Workload.PodMetadata.StringMap("annotations").ContainsKey(WritableRootAnnotation);
                Check(exempt, "readOnlyRootFilesystem is not true");
            }

            if (ours.Contains(container.Where))
            {
                var tmp = container.Raw.Items("volumeMounts").FirstOrDefault(m => m.Str("mountPath") == "/tmp");
                var volume = pod.Items("volumes").FirstOrDefault(v => v.Str("name") == tmp?.Str("name"));
                Check(volume?.Obj("emptyDir") is not null, "has no emptyDir at /tmp (.NET writes there; the root file system is read-only)");
            }

            void Check(bool condition, string problem)
            {
                if (!condition)
                {
                    failures.Add($"{container.Where}: {problem}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_has_resource_requests_and_limits(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        Assert.All(rendering.Containers(), container =>
        {
            foreach (var kind in new[] { "requests", "limits" })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(container.Raw.Str("resources", kind, resource) is not null, $"{container.Where}: no {resource} {kind}.");
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Everything_lives_in_the_payments_namespace(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var namespaces = rendering.OfKind("Namespace").Select(n => n.Str("metadata", "name")).ToList();
        Assert.Equal([Namespace], namespaces);
        Assert.All(rendering.Objects.Where(o => o.Str("kind") != "Namespace"),
            o => Assert.True(o.Str("metadata", "namespace") == Namespace, $"{overlay}: {o.Str("kind")}/{o.Str("metadata", "name")} is not in {Namespace}."));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Network_policies_deny_by_default_and_allow_only_the_paths_each_service_needs(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var policies = rendering.OfKind("NetworkPolicy").ToList();

        // Default deny: one policy selecting every pod, both directions, no rule.
        Assert.Contains(policies, p => p.Obj("spec", "podSelector") is { Count: 0 }
            && p.Strings("spec", "policyTypes").Order(StringComparer.Ordinal).SequenceEqual(["Egress", "Ingress"])
            && p.Obj("spec")!["ingress"] is null && p.Obj("spec")!["egress"] is null);

        foreach (var (container, image) in await KubernetesServiceTests.OurContainersAsync(overlay))
        {
            if (container.IsInit)
            {
                continue;
            }

            var labels = container.Workload!.PodLabels;
            var selecting = policies.Where(p => Selectors.Matches(p.Obj("spec", "podSelector"), labels)).ToList();
            var name = container.Workload.Name;

            // Egress: exactly DNS, plus the broker, the database, the collector, the game servers (the Notifier's
            // webhooks) and the services' pods (the console's calls) where the container is configured for them.
            var egressPorts = selecting.SelectMany(p => p.Items("spec", "egress")).SelectMany(rule => rule.Items("ports"))
                .Select(p => p.Str("port")!).ToHashSet(StringComparer.Ordinal);
            var env = container.Env.ToDictionary(e => e.Name, e => e.Value ?? string.Empty, StringComparer.Ordinal);
            var needed = new HashSet<string>(StringComparer.Ordinal) { "53" };
            if (env.ContainsKey("Bus__RabbitMq__Host"))
            {
                needed.Add(env.GetValueOrDefault("Bus__RabbitMq__Port") is { Length: > 0 } port ? port : "5672");
            }

            if (env.Keys.Any(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                needed.Add("1433");
            }

            if (env.TryGetValue("OTEL_EXPORTER_OTLP_ENDPOINT", out var otlp))
            {
                needed.Add(new Uri(otlp).Port.ToString(CultureInfo.InvariantCulture));
            }

            var webhooks = env.Where(e => NotifierChecks.EndpointUrlSetting().IsMatch(e.Key))
                .Select(e => Uri.TryCreate(e.Value, UriKind.Absolute, out var url) ? url.Port.ToString(CultureInfo.InvariantCulture) : e.Value).ToList();
            needed.UnionWith(webhooks);

            var calls = ConsoleChecks.Resolve(rendering, container).Select(t => t.PodPort.ToString(CultureInfo.InvariantCulture)).ToList();
            needed.UnionWith(calls);

            Assert.True(needed.IsSubsetOf(egressPorts), $"{overlay}: {name} may not reach port(s) {string.Join(", ", needed.Except(egressPorts))}.");
            var known = new HashSet<string>(["53", "5671", "5672", "1433", "4317", "4318", .. webhooks, .. calls], StringComparer.Ordinal);
            Assert.True(egressPorts.IsSubsetOf(known), $"{overlay}: {name} may reach port(s) {string.Join(", ", egressPorts.Except(known))}.");
            if (!env.Keys.Any(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain("1433", egressPorts);
            }

            // Ingress: from outside the namespace only the Ingress service (ingress controller) and the game backend's APIs
            // (the Archive's and the Notifier's operator APIs share their policy; README.md, Deploy: network policies).
            var ingressRules = selecting.SelectMany(p => p.Items("spec", "ingress")).ToList();
            var outside = ingressRules.Where(rule => rule["from"] is null
                || rule.Items("from").Any(peer => peer.Obj("namespaceSelector") is not null || peer.Obj("ipBlock") is not null)).ToList();
            var outsidePeers = outside.SelectMany(rule => rule.Items("from")).Select(peer => peer.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).ToList();
            switch (name)
            {
                case "ingress":
                    Assert.Equal(["ingress-nginx"], outsidePeers);
                    break;
                case "orders" or "entitlements" or "archive" or "notifier":
                    Assert.Equal(["game-backend"], outsidePeers);
                    break;
                case ConsoleChecks.Service:
                    // Operators come in through kubectl port-forward, which needs no rule; none admits anyone.
                    Assert.True(ingressRules.Count == 0, $"{overlay}: {name} accepts connections; nothing may reach the console but a port-forward.");
                    break;
                default:
                    Assert.True(outside.Count == 0, $"{overlay}: {name} accepts connections from outside the namespace, but serves nobody there.");
                    break;
            }

            // Inside the namespace, only the pods that call this workload (the console) may connect, on its http port.
            var callers = rendering.Containers().Where(c => !c.IsInit && ConsoleChecks.Resolve(rendering, c).Any(t => t.Workload.Name == name))
                .Select(c => c.Workload!).ToList();
            var others = rendering.Workloads.Where(w => !callers.Contains(w)).ToList();
            foreach (var peer in ingressRules.Except(outside).SelectMany(rule => rule.Items("from")))
            {
                Assert.True(callers.Any(c => Selectors.Matches(peer.Obj("podSelector"), c.PodLabels)),
                    $"{overlay}: {name} admits pods that call none of its routes ({peer.ToJsonString()}).");
                Assert.False(others.Any(w => Selectors.Matches(peer.Obj("podSelector"), w.PodLabels)),
                    $"{overlay}: {name} admits {string.Join(", ", others.Where(w => Selectors.Matches(peer.Obj("podSelector"), w.PodLabels)))}, which call none of its routes.");
            }

            var httpPort = image.Dockerfile.HttpPort?.ToString(CultureInfo.InvariantCulture);
            Assert.All(ingressRules.SelectMany(rule => rule.Items("ports")), port => Assert.Equal(httpPort, port.Str("port")));
        }

        // DNS for everyone, to the cluster DNS only.
        Assert.Contains(policies, p => p.Obj("spec", "podSelector") is { Count: 0 }
            && p.Items("spec", "egress").Any(rule => rule.Items("ports").Any(port => port.Str("port") == "53" && port.Str("protocol") == "UDP")
                && rule.Items("to").All(peer => peer.Str("podSelector", "matchLabels", "k8s-app") == "kube-dns")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ingress_is_exposed_autoscaled_and_protected_by_a_disruption_budget(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var deployment = rendering.Find("Deployment", "ingress") ?? throw new Xunit.Sdk.XunitException($"{overlay}: no Deployment ingress.");
        var podLabels = deployment.StringMap("spec", "template", "metadata", "labels");
        var container = deployment.Items("spec", "template", "spec", "containers").Single();

        var hpa = Assert.Single(rendering.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal("Deployment", hpa.Str("spec", "scaleTargetRef", "kind"));
        Assert.Equal("ingress", hpa.Str("spec", "scaleTargetRef", "name"));
        var min = int.Parse(hpa.Str("spec", "minReplicas") ?? "1", CultureInfo.InvariantCulture);
        var max = int.Parse(hpa.Str("spec", "maxReplicas")!, CultureInfo.InvariantCulture);
        Assert.InRange(min, 1, max);
        Assert.NotNull(container.Str("resources", "requests", "cpu")); // utilization is measured against the request

        // Production gives every service (and the broker) a budget of its own; one of them covers the ingress pods.
        var pdb = Assert.Single(rendering.OfKind("PodDisruptionBudget"), b => Selectors.Matches(b.Obj("spec", "selector"), podLabels));
        // With one replica (dev), minAvailable would block every node drain.
        Assert.True(pdb.Str("spec", "maxUnavailable") is not null || int.Parse(pdb.Str("spec", "minAvailable")!, CultureInfo.InvariantCulture) < min);

        // Ingress -> Service -> the container's named port.
        var ingress = Assert.Single(rendering.OfKind("Ingress"));
        var backends = ingress.Items("spec", "rules").SelectMany(r => r.Items("http", "paths")).ToList();
        Assert.NotEmpty(backends);
        var images = await Deploy.ImagesAsync();
        var ingressImage = images.Single(i => Deploy.ImageReferences(overlay, images)[i.ImageName] == container.Str("image"));
        var report = (await KubernetesServiceTests.OurContainersAsync(overlay)).First(c => c.Container.Workload!.Name == "ingress" && !c.Container.IsInit);
        var routes = (await ServiceStartup.StartAsync(ingressImage.Project, ServiceChecks.Settings(report.Container.Env), [])).Routes;
        // Neither health nor the OpenAPI document is public: a route besides those two must be a webhook.
        var webhooks = routes.Except(ServiceStartup.HealthRoutes).Where(r => r != PaymentsOpenApi.DocumentRoute).ToList();
        foreach (var path in backends)
        {
            var service = rendering.Find("Service", path.Str("backend", "service", "name")!) ?? throw new Xunit.Sdk.XunitException("Ingress backend Service missing.");
            Assert.True(Selectors.Matches(new JsonObject { ["matchLabels"] = service.Obj("spec", "selector")!.DeepClone() }, podLabels));
            var servicePort = service.Items("spec", "ports").Single(p => p.Str("name") == path.Str("backend", "service", "port", "name")
                || p.Str("port") == path.Str("backend", "service", "port", "number"));
            Assert.Contains(container.Items("ports"), p => p.Str("name") == servicePort.Str("targetPort") || p.Str("containerPort") == servicePort.Str("targetPort"));

            // The public paths cover the provider webhooks and nothing else (no health endpoints, no other route).
            var prefix = path.Str("path")!;
            Assert.Equal("Prefix", path.Str("pathType"));
            Assert.All(ServiceStartup.HealthRoutes, health => Assert.False(health.StartsWith(prefix, StringComparison.Ordinal), $"{health} is public."));
        }

        Assert.All(webhooks, route => Assert.True(backends.Any(b => route.StartsWith(b.Str("path")!, StringComparison.Ordinal)),
            $"{overlay}: the webhook route {route} is not under a public Ingress path."));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_game_backend_reaches_Orders_and_Entitlements_through_Services(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        foreach (var name in new[] { "orders", "entitlements" })
        {
            var labels = rendering.Find("Deployment", name)!.StringMap("spec", "template", "metadata", "labels");
            Assert.Contains(rendering.OfKind("Service"), s => Selectors.Matches(new JsonObject { ["matchLabels"] = s.Obj("spec", "selector")!.DeepClone() }, labels));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task A_Job_migrates_and_every_database_service_waits_for_it(string overlay)
    {
        var containers = await KubernetesServiceTests.OurContainersAsync(overlay);
        var migratorName = typeof(MigratorApp).Assembly.GetName().Name;
        var job = Assert.Single(containers, c => c.Container.Workload!.Kind == "Job");
        Assert.Equal(migratorName, job.Image.Project.AssemblyName);
        Assert.Empty(job.Container.Arguments); // migrate, not wait
        Assert.Contains(job.Container.Workload!.PodSpec.Str("restartPolicy"), new[] { "Never", "OnFailure" });
        Assert.NotNull(job.Container.Workload.Object.Str("spec", "backoffLimit"));

        var jobConnections = job.Container.Env.Where(e => e.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .ToDictionary(e => e.Name, e => e.Source, StringComparer.Ordinal);
        foreach (var (container, _) in containers.Where(c => c.Container.Workload!.Kind == "Deployment" && !c.Container.IsInit))
        {
            var connections = container.Env.Where(e => e.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
            if (connections.Count == 0)
            {
                continue;
            }

            // The Job migrates the very database the service uses (same Secret and key) ...
            Assert.All(connections, c => Assert.Equal(c.Source, jobConnections.GetValueOrDefault(c.Name)));
            // ... and the service's pods wait for it in an init container that runs the migrator's 'wait'.
            var init = containers.Where(c => c.Container.IsInit && c.Container.Workload!.Name == container.Workload!.Name).ToList();
            Assert.Contains(init, c => c.Image.Project.AssemblyName == migratorName
                && c.Container.Arguments.SequenceEqual([MigratorApp.WaitCommand])
                && connections.All(conn => c.Container.Env.Any(e => e.Name == conn.Name && e.Source == conn.Source)));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_reference_to_a_ConfigMap_or_Secret_resolves_or_is_an_operator_Secret(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var readme = Repository.ReadText("README.md");
        var production = Repository.ReadText($"{Deploy.OverlaysFolder}/production/kustomization.yaml");
        foreach (var (kind, name, key, where) in rendering.References())
        {
            var data = rendering.Data(kind, name);
            if (data is null && kind == "Secret" && overlay == "production")
            {
                // Created by the operators: the README's Deploy section and the overlay say which, with its keys.
                Assert.True(readme.Contains(name, StringComparison.Ordinal) && production.Contains(name, StringComparison.Ordinal),
                    $"{where}: Secret {name} is neither rendered nor documented (README.md, Deploy; overlays/production/kustomization.yaml).");
                Assert.True(key is null || (readme.Contains(key, StringComparison.Ordinal) && production.Contains(key, StringComparison.Ordinal)),
                    $"{where}: key {key} of Secret {name} is not documented.");
                continue;
            }

            Assert.True(data is not null, $"{where}: {kind} {name} is not rendered.");
            Assert.True(key is null || data!.ContainsKey(key), $"{where}: {kind} {name} has no key {key}.");
        }

        if (overlay == "production")
        {
            Assert.Empty(rendering.OfKind("Secret")); // never a value in the repository
            Assert.Empty(rendering.OfKind("StatefulSet")); // the broker is the operator's (RabbitmqCluster), the database managed
        }
        else
        {
            Assert.Contains(rendering.OfKind("StatefulSet"), s => s.Str("metadata", "name") == "rabbitmq");
            Assert.Contains(rendering.OfKind("StatefulSet"), s => s.Str("metadata", "name") == "sqlserver");
        }
    }

    [Fact]
    public async Task The_dev_services_use_the_credentials_the_dev_broker_and_database_are_created_with()
    {
        var rendering = await Deploy.RenderAsync("dev");
        var containers = rendering.Containers().ToList();
        string Env(string workload, string name) =>
            containers.First(c => c.Workload!.Name == workload).Env.Single(e => e.Name == name).Value!;

        Assert.Equal(Env("rabbitmq", "RABBITMQ_DEFAULT_USER"), Env("normalizer", "Bus__RabbitMq__Username"));
        Assert.Equal(Env("rabbitmq", "RABBITMQ_DEFAULT_PASS"), Env("normalizer", "Bus__RabbitMq__Password"));
        Assert.Equal("rabbitmq", Env("normalizer", "Bus__RabbitMq__Host"));
        var sa = Env("sqlserver", "MSSQL_SA_PASSWORD");
        foreach (var (workload, name) in new[]
                 {
                     ("orders", "ConnectionStrings__Orders"), ("entitlements", "ConnectionStrings__Entitlements"),
                     ("archive", "ConnectionStrings__Archive"), ("notifier", "ConnectionStrings__Notifier"),
                 })
        {
            var connection = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(Env(workload, name));
            Assert.Equal(sa, connection.Password);
            Assert.Equal("sqlserver,1433", connection.DataSource);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Telemetry_goes_to_a_collector_Service_of_the_rendering(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        foreach (var (container, _) in await KubernetesServiceTests.OurContainersAsync(overlay))
        {
            if (container.Env.FirstOrDefault(e => e.Name == "OTEL_EXPORTER_OTLP_ENDPOINT") is not { } endpoint)
            {
                continue;
            }

            var uri = new Uri(endpoint.Value!);
            var service = rendering.Find("Service", uri.Host.Split('.')[0]);
            Assert.True(service is not null, $"{container.Where}: {uri} names no Service.");
            var port = service!.Items("spec", "ports").SingleOrDefault(p => p.Str("port") == uri.Port.ToString(CultureInfo.InvariantCulture));
            Assert.True(port is not null, $"{container.Where}: Service {uri.Host} has no port {uri.Port}.");
            var target = rendering.Workloads.Single(w => Selectors.Matches(
                new JsonObject { ["matchLabels"] = service.Obj("spec", "selector")!.DeepClone() }, w.PodLabels));
            Assert.Contains(target.PodSpec.Items("containers").SelectMany(c => c.Items("ports")),
                p => p.Str("name") == port!.Str("targetPort") || p.Str("containerPort") == port.Str("targetPort"));
        }
    }
}
