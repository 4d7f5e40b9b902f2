using System.Text.RegularExpressions;
using Payments.Contracts.Access;
using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>
/// Who may call the APIs, as each deployment configures it: the services serving API routes get their callers' key
/// digests from a Secret (kustomize) or a variable (compose), grant exactly the scopes their routes need, and no
/// deployment file holds an API key itself. Which routes need which scope, and which keys and scopes a host bound,
/// come from the hosts started in process with the deployment's settings (<see cref="ServiceStartup"/>).
/// </summary>
public sealed partial class ApiAccessTests
{
    public static TheoryData<string> Overlays => new(Deploy.Overlays);

    /// <summary><c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME-default}</c>, <c>${NAME:?error}</c>, <c>${NAME?error}</c>.</summary>
    [GeneratedRegex(@"^\$\{(?<variable>[A-Za-z_][A-Za-z0-9_]*)(?:(?<operator>:?[-?])(?<rest>[^}]*))?\}$")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"\$\{(?<variable>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex InterpolatedVariable();

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Each_API_Deployment_takes_its_callers_key_digests_from_a_Secret_and_grants_its_routes_scopes_only(string overlay)
    {
        var failures = new List<string>();
        var apis = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (container, image) in await KubernetesServiceTests.OurContainersAsync(overlay))
        {
            var report = await ServiceStartup.StartAsync(image.Project, ServiceChecks.Settings(container.Env), container.Arguments);
            if (report.RouteScopes.Count > 0)
            {
                apis.Add(container.Workload!.Name);
            }

            failures.AddRange(AccessChecks.CallerProblems(container.Where, report, container.Env,
                e => e.Source.StartsWith("Secret ", StringComparison.Ordinal), "a Secret (secretKeyRef)"));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(AccessChecks.ApiServices, apis.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_compose_API_service_takes_its_callers_key_digests_from_variables_and_grants_its_routes_scopes_only()
    {
        var compose = await Deploy.ComposeAsync();
        var raw = Yaml.ParseSingle(Repository.ReadText(Deploy.ComposeFile)); // aliases resolved, variables not
        var failures = new List<string>();
        var apis = new HashSet<string>(StringComparer.Ordinal);
        var uses = new List<(string Variable, string Service, string Setting)>();
        foreach (var image in await Deploy.ImagesAsync())
        {
            var service = compose.Obj("services", image.ComposeService)!;
            var env = service.StringMap("environment").Select(p => new EnvVar(p.Key, p.Value, "environment")).ToList();
            var written = raw.Obj("services", image.ComposeService).StringMap("environment");
            var report = await ServiceStartup.StartAsync(image.Project, ServiceChecks.Settings(env), service.Strings("command").ToList());
            if (report.RouteScopes.Count > 0)
            {
                apis.Add(image.ComposeService);
            }

            failures.AddRange(AccessChecks.CallerProblems($"compose: {image.ComposeService}", report, env, FromVariable,
                "a variable (${PAYMENTS_…_SHA256:-…}, like PAYMENTS_SQL_PASSWORD)"));

            bool FromVariable(EnvVar digest)
            {
                var match = Interpolation().Match(written.GetValueOrDefault(digest.Name) ?? string.Empty);
                if (match.Success)
                {
                    uses.Add((match.Groups["variable"].Value, image.ComposeService, digest.Name));
                }

                return match.Success;
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(AccessChecks.ApiServices, apis.Order(StringComparer.Ordinal));

        // The variable really sets the digest: give each one a value of its own and render again.
        var values = uses.Select(u => u.Variable).Distinct(StringComparer.Ordinal)
            .ToDictionary(v => v, v => ApiKey.Sha256Hex("deploy-tests-" + v), StringComparer.Ordinal);
        var rendered = await Deploy.RenderComposeAsync(values);
        Assert.All(uses, use => Assert.True(rendered.Str("services", use.Service, "environment", use.Setting) == values[use.Variable],
            $"compose: {use.Service} {use.Setting} does not follow {use.Variable}."));
    }

    [Fact]
    public async Task Committed_digests_are_those_of_published_development_keys_and_the_files_say_how_to_make_a_key()
    {
        var failures = new List<string>();

        // compose: a default, if any, is the digest of a development key the file names as such.
        var raw = Yaml.ParseSingle(Repository.ReadText(Deploy.ComposeFile));
        var composeKeys = AccessChecks.DevelopmentKeys(Deploy.ComposeFile);
        var composeDigests = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // caller -> default digest
        foreach (var (service, node) in raw.Obj("services")!)
        {
            foreach (var (name, value) in node.StringMap("environment").Where(p => AccessChecks.DigestSetting().IsMatch(p.Key)))
            {
                var match = Interpolation().Match(value);
                var fallback = match.Success && match.Groups["operator"].Value.EndsWith('-') ? match.Groups["rest"].Value
                    : match.Success ? null
                    : value;
                if (fallback is null)
                {
                    continue;
                }

                if (!composeKeys.ContainsKey(fallback))
                {
                    failures.Add($"compose: {service} {name} defaults to {fallback}, the digest of no development key docker-compose.yml " +
                        $"names (dev-only-…: {string.Join(", ", composeKeys.Values)}).");
                }

                composeDigests[AccessChecks.DigestSetting().Match(name).Groups["name"].Value] = fallback;
            }
        }

        // dev overlay: each digest comes from a generated Secret whose file names the development key.
        var rendering = await Deploy.RenderAsync("dev");
        var kustomization = Yaml.ParseSingle(Repository.ReadText($"{Deploy.OverlaysFolder}/dev/kustomization.yaml"));
        var generated = kustomization.Items("secretGenerator").ToDictionary(
            g => g.Str("name")!,
            g => (g.Str("env") is { } one ? [one] : g.Strings("envs")).Select(f => $"{Deploy.OverlaysFolder}/dev/{f}").ToList(),
            StringComparer.Ordinal);
        var digestFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in rendering.Containers())
        {
            foreach (var digest in container.Env.Where(e => AccessChecks.DigestSetting().IsMatch(e.Name)))
            {
                var secret = Regex.Match(digest.Source, "^Secret (?<name>[^ ]+)").Groups["name"].Value;
                // kustomize appends '-' and a 10-character hash to a generated Secret's name.
                var files = generated.FirstOrDefault(g => secret == g.Key || (secret.Length == g.Key.Length + 11 && secret.StartsWith(g.Key + "-", StringComparison.Ordinal))).Value ?? [];
                digestFiles.UnionWith(files);
                var keys = files.SelectMany(f => AccessChecks.DevelopmentKeys(f)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                if (files.Count == 0)
                {
                    failures.Add($"{container.Where}: {digest.Name} comes from {digest.Source}, not from a Secret the dev overlay generates from a file.");
                }
                else if (digest.Value is null || !keys.ContainsKey(digest.Value))
                {
                    failures.Add($"{container.Where}: {digest.Name} ({digest.Source}) is {digest.Value ?? "not rendered"}, the digest of no " +
                        $"development key its file names ({string.Join(", ", files)}: {string.Join(", ", keys.Values)}).");
                }

                // The same caller has the same development key in compose and in the dev overlay.
                var caller = AccessChecks.DigestSetting().Match(digest.Name).Groups["name"].Value;
                if (composeDigests.TryGetValue(caller, out var composeDigest) && composeDigest != digest.Value)
                {
                    failures.Add($"{container.Where}: the caller {caller} has another development key than in docker-compose.yml.");
                }
            }
        }

        // Where a digest is set or expected, the file says how to make a key and its digest.
        foreach (var path in digestFiles.Append(Deploy.ComposeEnvExample).Append($"{Deploy.OverlaysFolder}/production/kustomization.yaml"))
        {
            var text = Repository.ReadText(path);
            foreach (var command in new[] { "openssl rand", "sha256sum" })
            {
                if (!text.Contains(command, StringComparison.Ordinal))
                {
                    failures.Add($"{path} does not say how to make a key and its digest ({command}).");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.NotEmpty(composeDigests);
        Assert.NotEmpty(digestFiles);
    }

    /// <summary>
    /// No deployment file holds an API key, only digests — but for the one caller the deployments run, the operator
    /// console: its own key (<see cref="ConsoleChecks.KeySetting"/>) may come from its Secret (kustomize; the dev
    /// overlay's placeholder file), or from its variable (compose), and where a value is committed it is a published
    /// development key. Anywhere else (a ConfigMap, a literal, another setting) it is a key like any other.
    /// </summary>
    [Fact]
    public async Task No_deployment_file_sets_an_API_key_itself()
    {
        var settings = new List<(string Where, string Name, string? Value)>();
        var consoleKeys = new List<(string Where, string Name, string? Value)>(); // the console's own key, where it belongs
        foreach (var overlay in Deploy.Overlays)
        {
            var rendering = await Deploy.RenderAsync(overlay);
            foreach (var container in rendering.Containers())
            {
                foreach (var e in container.Env)
                {
                    var own = e.Name == ConsoleChecks.KeySetting && ConsoleChecks.FromKeySecret(e);
                    (own ? consoleKeys : settings).Add((container.Where, e.Name, e.Value));
                }
            }

            foreach (var kind in new[] { "Secret", "ConfigMap" })
            {
                foreach (var name in rendering.OfKind(kind).Select(o => o.Str("metadata", "name")!))
                {
                    foreach (var (key, value) in rendering.Data(kind, name)!)
                    {
                        var own = kind == "Secret" && ConsoleChecks.IsKeySecret(name) && key == ConsoleChecks.KeySecretKey;
                        (own ? consoleKeys : settings).Add(($"{overlay}: {kind} {name}", key, value));
                    }
                }
            }
        }

        var compose = await Deploy.ComposeAsync();
        var raw = Yaml.ParseSingle(Repository.ReadText(Deploy.ComposeFile));
        foreach (var (service, node) in compose.Obj("services")!)
        {
            var written = raw.Obj("services", service).StringMap("environment");
            foreach (var (name, value) in node.StringMap("environment"))
            {
                var match = Interpolation().Match(written.GetValueOrDefault(name) ?? string.Empty);
                var own = name == ConsoleChecks.KeySetting && match.Success && match.Groups["variable"].Value == ConsoleChecks.KeyVariable;
                (own ? consoleKeys : settings).Add(($"compose: {service}", name, value));
            }
        }

        foreach (var variable in InterpolatedVariable().Matches(Repository.ReadText(Deploy.ComposeFile)).Select(m => m.Groups["variable"].Value))
        {
            (variable == ConsoleChecks.KeyVariable ? consoleKeys : settings).Add(($"{Deploy.ComposeFile} (variable)", variable, null));
        }

        var envFiles = Directory.EnumerateFiles(Repository.PathOf("deploy"), "*.env*", SearchOption.AllDirectories)
            .Select(Repository.Relative).Where(p => !p.StartsWith("deploy/sql/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(Deploy.ComposeEnvExample, envFiles);
        foreach (var path in envFiles)
        {
            foreach (var line in Repository.ReadText(path).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var name = line.Split('=')[0];
                var own = path == ConsoleChecks.DevKeyFile && name == ConsoleChecks.KeySecretKey;
                (own ? consoleKeys : settings).Add((path, name, line.Contains('=') ? line[(line.IndexOf('=') + 1)..] : null));
            }
        }

        // The keys the repository publishes for development: never a setting's value.
        var developmentKeys = new[] { Deploy.ComposeFile, Deploy.ComposeEnvExample }.Concat(envFiles)
            .SelectMany(f => AccessChecks.DevelopmentKeys(f).Values).Append(ApiKey.StandaloneDevelopmentKey).Distinct(StringComparer.Ordinal).ToList();

        var failures = new List<string>();
        foreach (var (where, name, value) in settings.Distinct())
        {
            if (AccessChecks.KeyLikeName().IsMatch(name) || name.StartsWith("Auth__", StringComparison.Ordinal))
            {
                var allowed =
                    (AccessChecks.DigestSetting().IsMatch(name) && (value is null || ApiKey.IsSha256Hex(value)))
                    || (AccessChecks.ScopeSetting().IsMatch(name) && (value is null || Scopes.All.Contains(value)))
                    || AccessChecks.JwtSetting().IsMatch(name)
                    || (AccessChecks.DigestName().IsMatch(name) && (value is null || ApiKey.IsSha256Hex(value)));
                if (!allowed)
                {
                    failures.Add($"{where}: {name}{(value is null ? string.Empty : "=" + value)} looks like an API key itself; the services take " +
                        "only a key's digest, Auth__ApiKeys__{name}__Sha256 (64 lowercase hex), and its Auth__ApiKeys__{name}__Scopes__{i}.");
                }
            }

            if (value is not null && developmentKeys.FirstOrDefault(key => value.Contains(key, StringComparison.Ordinal)) is { } plain)
            {
                failures.Add($"{where}: {name} holds the API key {plain} itself, not its digest.");
            }
        }

        // The console's own key, where a value is committed (compose's default, the dev overlay's file): a published
        // development key, never a real one.
        failures.AddRange(consoleKeys.Where(k => k.Value is not null && !developmentKeys.Contains(k.Value))
            .Select(k => $"{k.Where}: {k.Name} is the console's key, but not a published development key (dev-only-…)."));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Distinct()));
        Assert.Contains(settings, s => AccessChecks.DigestSetting().IsMatch(s.Name)); // the scan sees the digests at all
        Assert.Contains(consoleKeys, k => k.Value is not null); // and the console's key where it is set
    }
}
