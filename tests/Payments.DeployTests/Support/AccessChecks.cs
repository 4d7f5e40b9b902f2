using System.Text.RegularExpressions;
using Payments.Contracts.Access;

namespace Payments.DeployTests.Support;

/// <summary>
/// Who may call a service's API routes, as a deployment configures it: <c>Auth__ApiKeys__{name}__Sha256</c> (a key's
/// digest, never the key) and <c>Auth__ApiKeys__{name}__Scopes__{i}</c>, checked against the scopes the host's own
/// routes need and the <c>Auth</c> options it bound (<see cref="StartupReport"/>).
/// </summary>
internal static partial class AccessChecks
{
    /// <summary>The services whose routes need a scope: the game backend's and the operators' APIs, and the console's pages.</summary>
    public static readonly string[] ApiServices = ["archive", "console", "entitlements", "notifier", "orders"];

    [GeneratedRegex("^Auth__ApiKeys__(?<name>.+)__Sha256$")]
    public static partial Regex DigestSetting();

    [GeneratedRegex("^Auth__ApiKeys__(?<name>.+)__Scopes__(?<index>[0-9]+)$")]
    public static partial Regex ScopeSetting();

    [GeneratedRegex("^Auth__Jwt__(Authority|Audience)$")]
    public static partial Regex JwtSetting();

    /// <summary>A name that speaks of an API key or a bearer token (PAYMENTS_API_KEY, game-api-key, Auth__ApiKeys__x__Key).</summary>
    [GeneratedRegex("api[-_.]?keys?|bearer|access[-_.]?token", RegexOptions.IgnoreCase)]
    public static partial Regex KeyLikeName();

    /// <summary>A name that says it holds a SHA-256 (PAYMENTS_GAME_API_KEY_SHA256, game-sha256).</summary>
    [GeneratedRegex("(^|[-_.])sha-?256$", RegexOptions.IgnoreCase)]
    public static partial Regex DigestName();

    /// <summary>A development key as the deployment files publish it in their comments.</summary>
    [GeneratedRegex("dev-only-[A-Za-z0-9-]+")]
    private static partial Regex DevelopmentKeyToken();

    /// <summary>
    /// The API keys a file publishes as development-only in its comments (<c>dev-only-…</c>, a valid key), by digest:
    /// the only keys whose digest may be a committed default.
    /// </summary>
    public static Dictionary<string, string> DevelopmentKeys(string relativePath) => Repository.ReadText(relativePath).Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.StartsWith('#'))
        .SelectMany(line => DevelopmentKeyToken().Matches(line).Select(m => m.Value))
        .Where(key => ApiKey.Problem(key, key) is null)
        .Distinct(StringComparer.Ordinal)
        .ToDictionary(ApiKey.Sha256Hex, key => key, StringComparer.Ordinal);

    /// <summary>
    /// What is wrong with who may call the container's service. A service with routes that need a scope configures at
    /// least one key digest, each from <paramref name="store"/> (<paramref name="fromStore"/>); every scope a route
    /// needs is granted by a key, and no key grants a scope none of the service's routes needs. A service without such
    /// routes configures no <c>Auth__</c> setting at all (it would bind it — every host does — but nobody calls it).
    /// </summary>
    public static List<string> CallerProblems(string where, StartupReport report, IReadOnlyList<EnvVar> env, Func<EnvVar, bool> fromStore, string store)
    {
        var problems = new List<string>();
        var auth = env.Where(e => e.Name.StartsWith("Auth__", StringComparison.Ordinal)).ToList();
        var keys = report.Auth?.ApiKeys ?? [];
        if (report.RouteScopes.Count == 0)
        {
            if (auth.Count > 0 || keys.Count > 0)
            {
                problems.Add($"{where}: {report.Assembly} maps no route that needs a scope, yet sets {string.Join(", ", auth.Select(e => e.Name))}.");
            }

            return problems;
        }

        var digests = auth.Where(e => DigestSetting().IsMatch(e.Name)).ToList();
        if (digests.Count == 0)
        {
            problems.Add($"{where}: {report.Assembly} serves {string.Join(", ", report.RouteScopes.Keys.Order(StringComparer.Ordinal))}, " +
                "but no Auth__ApiKeys__{name}__Sha256 is set: every one of them answers 401.");
        }

        problems.AddRange(digests.Where(d => !fromStore(d)).Select(d => $"{where}: {d.Name} comes from {d.Source}, not from {store}."));
        problems.AddRange(keys.Keys.Where(name => !digests.Any(d => string.Equals(DigestSetting().Match(d.Name).Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase)))
            .Select(name => $"{where}: {report.Assembly} bound the API key {name}, whose digest is not an Auth__ApiKeys__{name}__Sha256 variable."));

        var granted = keys.SelectMany(k => k.Value.Scopes.Select(scope => (Key: k.Key, Scope: scope))).ToList();
        foreach (var (route, scopes) in report.RouteScopes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            problems.AddRange(scopes.Where(scope => !granted.Any(g => g.Scope == scope))
                .Select(scope => $"{where}: {route} needs {scope}, which no key grants: nobody can call it."));
        }

        var required = report.RequiredScopes;
        problems.AddRange(granted.Where(g => !required.Contains(g.Scope))
            .Select(g => $"{where}: the key {g.Key} is granted {g.Scope}, which no route of {report.Assembly} needs ({string.Join(", ", required.Order(StringComparer.Ordinal))})."));
        return problems;
    }
}
