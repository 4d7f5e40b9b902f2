using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Payments.Contracts.Access;
using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>
/// The operator console: a caller of the services' APIs with a key of its own, and a set of pages for operators.
/// Wherever it is deployed it knows every service by an address that leads to that service's pods, its key comes from
/// a Secret (compose: a variable) and pairs with the digest the services hold, that key holds on each service exactly
/// the scopes the console's pages use, operators sign in with their own key (scope <c>console</c> on the console
/// only), it reaches the services and nothing else, and nothing but a port-forward reaches it.
/// </summary>
public sealed class ConsoleDeployTests
{
    public static TheoryData<string> Overlays => new(Deploy.Overlays);

    [Fact]
    public async Task Compose_runs_the_console_against_the_compose_services_published_on_loopback_only()
    {
        var compose = await Deploy.ComposeAsync();
        var services = compose.Obj("services")!;
        var console = services.Obj(ConsoleChecks.Service) ?? throw new Xunit.Sdk.XunitException($"compose: no service {ConsoleChecks.Service}.");
        var env = console.StringMap("environment");
        var images = await Deploy.ImagesAsync();

        // Every service the console knows, at its compose name and the port its image listens on.
        var configured = env.Keys.Where(k => ConsoleChecks.ServiceSetting().IsMatch(k))
            .Select(k => ConsoleChecks.ServiceSetting().Match(k).Groups["name"].Value.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ConsoleChecks.Targets.Order(StringComparer.Ordinal), configured);
        foreach (var target in ConsoleChecks.Targets)
        {
            var setting = env.First(p => string.Equals(p.Key, $"Console__Services__{target}", StringComparison.OrdinalIgnoreCase));
            var url = new Uri(setting.Value);
            var image = images.Single(i => i.ComposeService == url.Host);
            Assert.True(image.Dockerfile.HttpPort == url.Port, $"compose: {setting.Key}={url} is not {url.Host}'s port {image.Dockerfile.HttpPort}.");
            Assert.Equal("http", url.Scheme);
        }

        // Its key from PAYMENTS_CONSOLE_API_KEY, paired with the digest the services hold (PAYMENTS_CONSOLE_API_KEY_SHA256).
        var written = Yaml.ParseSingle(Repository.ReadText(Deploy.ComposeFile)).Obj("services", ConsoleChecks.Service).StringMap("environment");
        Assert.StartsWith("${" + ConsoleChecks.KeyVariable + ":-", written[ConsoleChecks.KeySetting], StringComparison.Ordinal);
        Assert.Null(ApiKey.Problem(env[ConsoleChecks.KeySetting], ConsoleChecks.KeySetting));
        foreach (var service in ConsoleChecks.ScopesByService.Keys)
        {
            Assert.Equal(ApiKey.Sha256Hex(env[ConsoleChecks.KeySetting]), services.Obj(service).StringMap("environment").GetValueOrDefault("Auth__ApiKeys__console__Sha256"));
        }

        var custom = await Deploy.RenderComposeAsync(new Dictionary<string, string> { [ConsoleChecks.KeyVariable] = "deploy-tests-console-key-0000000000001" });
        Assert.Equal("deploy-tests-console-key-0000000000001", custom.Str("services", ConsoleChecks.Service, "environment", ConsoleChecks.KeySetting));

        // Operators sign in with the operators' key (the same digest as on the services), scope console only.
        Assert.Equal(["console"], GrantedScopes(env, "operator"));
        Assert.Equal(services.Obj("orders").StringMap("environment")["Auth__ApiKeys__operator__Sha256"], env["Auth__ApiKeys__operator__Sha256"]);

        // Published on loopback, on a port of its own; plain http there, so the cookies keep the default policy.
        var port = Assert.Single(console["ports"]!.AsArray());
        var (hostIp, containerPort) = port is JsonObject o ? (o.Str("host_ip"), o.Str("target")) : (port!.ToString().Split(':')[0], port.ToString().Split('/')[0].Split(':')[^1]);
        Assert.Equal("127.0.0.1", hostIp);
        Assert.Equal(images.Single(i => i.ComposeService == ConsoleChecks.Service).Dockerfile.HttpPort?.ToString(CultureInfo.InvariantCulture), containerPort);
        Assert.False(env.ContainsKey("Console__SecureCookie"), "compose: the console is plain http on loopback; Secure-only cookies belong behind TLS.");
    }

    [Fact]
    public async Task The_consoles_key_holds_exactly_the_scopes_its_pages_use_on_each_service_in_compose_and_every_overlay()
    {
        var deployments = new List<(string Where, string Service, Dictionary<string, string> Env)>();
        var compose = await Deploy.ComposeAsync();
        foreach (var image in await Deploy.ImagesAsync())
        {
            deployments.Add(("compose", image.ComposeService, compose.Obj("services", image.ComposeService).StringMap("environment")));
        }

        foreach (var overlay in Deploy.Overlays)
        {
            foreach (var (container, _) in await KubernetesServiceTests.OurContainersAsync(overlay))
            {
                if (!container.IsInit)
                {
                    deployments.Add((overlay, container.Workload!.Name, container.Env.ToDictionary(e => e.Name, e => e.Value ?? "<not rendered>", StringComparer.Ordinal)));
                }
            }
        }

        var failures = new List<string>();
        foreach (var (where, service, env) in deployments)
        {
            var expected = ConsoleChecks.ScopesByService.GetValueOrDefault(service) ?? [];
            var actual = GrantedScopes(env, ConsoleChecks.Caller);
            if (!actual.SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                failures.Add($"{where}: {service} grants the console's key [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}].");
            }

            if (expected.Length > 0 != env.ContainsKey($"Auth__ApiKeys__{ConsoleChecks.Caller}__Sha256"))
            {
                failures.Add($"{where}: {service} {(expected.Length > 0 ? "has no" : "has a")} key entry for the console.");
            }

            // The scope console lets an operator sign in: on the console only, for the operators' key only.
            var console = env.Where(e => AccessChecks.ScopeSetting().IsMatch(e.Key) && e.Value == Scopes.Console)
                .Select(e => AccessChecks.ScopeSetting().Match(e.Key).Groups["name"].Value).ToList();
            var allowed = service == ConsoleChecks.Service ? new[] { "operator" } : [];
            if (!console.SequenceEqual(allowed))
            {
                failures.Add($"{where}: {service} grants the scope console to [{string.Join(", ", console)}], expected [{string.Join(", ", allowed)}].");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(Deploy.Overlays.Count + 1, deployments.Where(d => d.Service == ConsoleChecks.Service).Count());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Kustomize_renders_a_console_Deployment_whose_key_and_digests_come_from_Secrets(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var container = await ContainerAsync(overlay);
        var env = container.Env.ToDictionary(e => e.Name, StringComparer.Ordinal);

        // The key: from the Secret payments-console, never from a ConfigMap or a literal value.
        Assert.True(env.TryGetValue(ConsoleChecks.KeySetting, out var key), $"{container.Where}: {ConsoleChecks.KeySetting} is not set.");
        Assert.True(ConsoleChecks.FromKeySecret(key!), $"{container.Where}: {ConsoleChecks.KeySetting} comes from {key!.Source}, not from Secret {ConsoleChecks.KeySecret} key {ConsoleChecks.KeySecretKey}.");
        Assert.All(container.Env.Where(e => AccessChecks.DigestSetting().IsMatch(e.Name)),
            e => Assert.StartsWith("Secret payments-api-keys", e.Source, StringComparison.Ordinal));

        // The services it calls: the three it cannot do without, and the rest it knows, each by a Service of the rendering.
        var targets = ConsoleChecks.Resolve(rendering, container);
        Assert.Equal(ConsoleChecks.Targets.Order(StringComparer.Ordinal), targets.Select(t => t.Workload.Name).Order(StringComparer.Ordinal));
        Assert.All(container.Env.Where(e => ConsoleChecks.ServiceSetting().IsMatch(e.Name)), e => Assert.Equal("value", e.Source));

        // The key's digest on the services is the one the services get from payments-api-keys, key console-sha256.
        var dev = overlay == "dev" ? rendering : await Deploy.RenderAsync("dev");
        var digests = new List<EnvVar>();
        foreach (var (service, _) in ConsoleChecks.ScopesByService)
        {
            var other = rendering.Containers(dev).Single(c => !c.IsInit && c.Workload!.Name == service);
            var digest = other.Env.Single(e => e.Name == "Auth__ApiKeys__console__Sha256");
            Assert.Equal("Secret payments-api-keys key console-sha256", GeneratedNameless(digest.Source));
            digests.Add(digest);
        }

        // Never the key's value in a ConfigMap, nor in any variable but the console's own (dev: the placeholder's value).
        var devKey = (await ContainerAsync("dev")).Env.Single(e => e.Name == ConsoleChecks.KeySetting).Value!;
        foreach (var name in rendering.OfKind("ConfigMap").Select(c => c.Str("metadata", "name")!))
        {
            Assert.DoesNotContain(rendering.Data("ConfigMap", name)!, p => p.Value.Contains(devKey, StringComparison.Ordinal) || p.Key == ConsoleChecks.KeySetting);
        }

        Assert.DoesNotContain(rendering.Containers(dev).SelectMany(c => c.Env.Select(e => (c, e))),
            x => x.e.Value == devKey && !(x.c.Workload!.Name == ConsoleChecks.Service && x.e.Name == ConsoleChecks.KeySetting));

        // The pair: in dev both are rendered, and the digest is that of the key.
        if (overlay == "dev")
        {
            Assert.All(digests, d => Assert.Equal(ApiKey.Sha256Hex(key!.Value!), d.Value));
        }
        else
        {
            Assert.Empty(rendering.OfKind("Secret"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Network_policies_let_the_console_reach_the_services_and_nothing_else_and_nothing_reach_it(string overlay)
    {
        var rendering = await Deploy.RenderAsync(overlay);
        var policies = rendering.OfKind("NetworkPolicy").ToList();
        var container = await ContainerAsync(overlay);
        var console = container.Workload!;
        var ns = console.Object.Str("metadata", "namespace")!;
        var failures = new List<string>();

        // To each service's pods on the port its Service leads to, both ends allowing it.
        var targets = ConsoleChecks.Resolve(rendering, container);
        foreach (var target in targets)
        {
            if (!NetworkPaths.Connects(policies, ns, console.PodLabels, target.Workload.PodLabels, target.PodPort))
            {
                failures.Add($"{overlay}: the console cannot reach {target.Workload} on {target.PodPort} ({target.Setting}).");
            }
        }

        // Nothing else in the namespace but DNS's cluster service and the collector: no broker, no database, no other port.
        var pods = rendering.Workloads.Where(w => w.Name != console.Name)
            .Select(w => (Name: w.ToString(), Labels: (IReadOnlyDictionary<string, string>)w.PodLabels))
            .Concat(RabbitmqClusters.In(rendering).Select(c => (Name: $"{RabbitmqClusters.Kind}/{RabbitmqClusters.NameOf(c)}",
                Labels: (IReadOnlyDictionary<string, string>)RabbitmqClusters.PodLabels(c))));
        foreach (var pod in pods)
        {
            var isTarget = targets.Any(t => t.Workload.ToString() == pod.Name);
            var isCollector = pod.Labels.GetValueOrDefault("app.kubernetes.io/name") == "otel-collector";
            foreach (var port in new[] { 80, 443, 1433, 4317, 5671, 5672, 8080, 15672 })
            {
                var expected = (isTarget && targets.Any(t => t.Workload.ToString() == pod.Name && t.PodPort == port)) || (isCollector && port == 4317);
                if (NetworkPaths.Allows(policies, "Egress", ns, console.PodLabels, pod.Labels, port) != expected)
                {
                    failures.Add($"{overlay}: the console {(expected ? "may not" : "may")} reach the pods of {pod.Name} on {port}.");
                }
            }
        }

        // Nor the internet, nor any address by range.
        foreach (var address in new[] { "1.1.1.1", "203.0.113.10", "10.96.0.1", "169.254.169.254" })
        {
            foreach (var port in new[] { 80, 443, 8080 })
            {
                if (NetworkPaths.ReachesAddress(policies, console.PodLabels, IPAddress.Parse(address), port))
                {
                    failures.Add($"{overlay}: the console may reach {address}:{port}.");
                }
            }
        }

        // Nothing reaches the console through the pod network: no policy has an ingress rule for its pods, from the
        // internet, another namespace or this one (operators come in through kubectl port-forward).
        var admitting = policies.Where(p => Selectors.Matches(p.Obj("spec", "podSelector"), console.PodLabels) && p.Items("spec", "ingress").Any())
            .Select(p => p.Str("metadata", "name")).ToList();
        failures.AddRange(admitting.Select(name => $"{overlay}: NetworkPolicy {name} admits connections to the console."));
        foreach (var pod in pods)
        {
            if (NetworkPaths.Allows(policies, "Ingress", ns, console.PodLabels, pod.Labels, 8080))
            {
                failures.Add($"{overlay}: the console admits the pods of {pod.Name}.");
            }
        }

        // And no Ingress object routes to it: the public paths stay the webhooks'.
        foreach (var ingress in rendering.OfKind("Ingress"))
        {
            foreach (var backend in ingress.Items("spec", "rules").SelectMany(r => r.Items("http", "paths")).Select(p => p.Str("backend", "service", "name")))
            {
                var service = rendering.Find("Service", backend!);
                if (service is not null && Selectors.Matches(new JsonObject { ["matchLabels"] = service.Obj("spec", "selector")!.DeepClone() }, console.PodLabels))
                {
                    failures.Add($"{overlay}: Ingress {ingress.Str("metadata", "name")} routes to the console.");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Its_cookies_are_Secure_only_in_production(string overlay)
    {
        var container = await ContainerAsync(overlay);
        var secureCookie = container.Env.SingleOrDefault(e => e.Name == "Console__SecureCookie")?.Value;
        if (overlay == "production")
        {
            // Behind TLS (an internal ingress) or a port-forward to http://localhost, which browsers treat as secure.
            Assert.Equal("Always", secureCookie);
        }
        else
        {
            Assert.True(secureCookie is null or "SameAsRequest", $"{container.Where}: Console__SecureCookie={secureCookie} on a plain-http development cluster.");
        }
    }

    /// <summary>Scopes a deployment grants the key <paramref name="caller"/> (<c>Auth__ApiKeys__{caller}__Scopes__{i}</c>), sorted.</summary>
    private static List<string> GrantedScopes(IReadOnlyDictionary<string, string> env, string caller) => env
        .Where(e => AccessChecks.ScopeSetting().Match(e.Key) is { Success: true } m && m.Groups["name"].Value == caller)
        .Select(e => e.Value).Order(StringComparer.Ordinal).ToList();

    /// <summary>A source with a generated Secret's hash suffix taken off ("Secret payments-api-keys-abc1234567 key x").</summary>
    private static string GeneratedNameless(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, "^(Secret [a-z0-9-]+?)-[a-z0-9]{10}( key .*)$", "$1$2");

    /// <summary>The console's own container in an overlay.</summary>
    private static async Task<ContainerSpec> ContainerAsync(string overlay)
    {
        var containers = (await KubernetesServiceTests.OurContainersAsync(overlay))
            .Where(c => !c.Container.IsInit && c.Container.Workload!.Name == ConsoleChecks.Service).ToList();
        Assert.True(containers.Count == 1, $"{overlay}: {containers.Count} console containers; expected one, in the Deployment {ConsoleChecks.Service}.");
        return containers[0].Container;
    }
}
