using Microsoft.Extensions.Configuration.Memory;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.Security;

namespace Payments.Standalone;

/// <summary>
/// The embedded default: in-memory transport, SQLite files under ./.data, http://localhost:5080, and, when no
/// provider account is configured, the documented development secrets of <see cref="DevelopmentSecrets"/>.
/// Everything here is a default: appsettings, environment variables and the command line still win.
/// </summary>
internal static class StandaloneDefaults
{
    public const string DataFolder = ".data";

    /// <summary>The standalone's own settings (<c>Standalone:…</c>).</summary>
    public const string AllowPublicDevelopmentSecretsSetting = "Standalone:AllowPublicDevelopmentSecrets";

    public static DevelopmentDefaults Apply(WebApplicationBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        var defaults = new Dictionary<string, string?>
        {
            ["urls"] = "http://localhost:5080",
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Orders"] = $"Data Source={Path.Combine(DataFolder, "orders.db")}",
            ["ConnectionStrings:Entitlements"] = $"Data Source={Path.Combine(DataFolder, "entitlements.db")}",
            ["ConnectionStrings:Archive"] = $"Data Source={Path.Combine(DataFolder, "archive.db")}",
            ["ConnectionStrings:Notifier"] = $"Data Source={Path.Combine(DataFolder, "notifier.db")}",

            // A developer's game server runs on the same machine: plain http to loopback is allowed here only.
            ["Notifier:AllowLoopback"] = "true",
        };

        var useDevelopmentSecrets = !builder.Configuration.GetSection("Providers").GetChildren().Any();
        if (useDevelopmentSecrets)
        {
            foreach (var (key, value) in DevelopmentSecrets.Settings)
            {
                defaults[key] = value;
            }
        }

        // Without any Auth settings the API routes get the published development key, with every scope.
        var useDevelopmentKey = !builder.Configuration.GetSection(AuthOptions.SectionName).GetChildren().Any();
        if (useDevelopmentKey)
        {
            defaults[$"{AuthOptions.SectionName}:ApiKeys:{DevelopmentSecrets.ApiKeyName}:Sha256"] = ApiKey.Sha256Hex(ApiKey.StandaloneDevelopmentKey);
            for (var i = 0; i < Scopes.All.Count; i++)
            {
                defaults[$"{AuthOptions.SectionName}:ApiKeys:{DevelopmentSecrets.ApiKeyName}:Scopes:{i}"] = Scopes.All[i];
            }

            // The console calls this host's own APIs with the same key (an operator signs in with it too).
            defaults["Console:ApiKey"] = ApiKey.StandaloneDevelopmentKey;
        }

        // The console's services are this host's modules.
        defaults["Console:SameHost"] = "true";

        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        return new DevelopmentDefaults(useDevelopmentSecrets, useDevelopmentKey);
    }

    /// <summary>
    /// The console is mounted at <c>/console</c> when it has a key to call the APIs with: the development key, or
    /// <c>Console:ApiKey</c> when <c>Auth</c> is configured. Otherwise the host runs without it (the banner says so).
    /// </summary>
    public static bool ConsoleEnabled(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["Console:ApiKey"]);

    /// <summary>
    /// Refuses to start when a published secret or the development key is in use and the host would listen on
    /// anything but loopback, unless <see cref="AllowPublicDevelopmentSecretsSetting"/> is true. The addresses
    /// are those Kestrel will bind: <c>Kestrel:Endpoints</c> when set, else <c>urls</c> / <c>http_ports</c> /
    /// <c>https_ports</c> (which the ASPNETCORE_ variables and <c>--urls</c> feed).
    /// </summary>
    /// <returns>Why the host must not start; null when it may.</returns>
    public static string? PublicExposure(IConfiguration configuration, DevelopmentDefaults development)
    {
        if (!LoopbackOnly(configuration, development))
        {
            return null;
        }

        var exposed = ListenAddresses(configuration).Where(a => !IsLoopback(a)).ToList();
        return exposed.Count == 0
            ? null
            : $"Refusing to listen on {string.Join(", ", exposed)}: the host uses {development.Describe()}, which README.md publishes. " +
              $"Configure Providers and Auth for this host, listen on loopback only, or set {AllowPublicDevelopmentSecretsSetting}=true to accept the risk.";
    }

    /// <summary>A published secret or the development key is in use and public addresses were not explicitly allowed.</summary>
    public static bool LoopbackOnly(IConfiguration configuration, DevelopmentDefaults development) =>
        development.Any && !configuration.GetValue<bool>(AllowPublicDevelopmentSecretsSetting);

    internal static IEnumerable<string> ListenAddresses(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
        var urls = List(configuration["urls"]);
        if (endpoints.Count > 0)
        {
            // Kestrel's endpoints win over urls, unless the host prefers its hosting URLs.
            return configuration.GetValue<bool>("preferHostingUrls") ? [.. endpoints, .. urls] : endpoints;
        }

        if (urls.Length > 0)
        {
            return urls; // urls wins over http_ports / https_ports
        }

        return [.. List(configuration["http_ports"]).Select(p => $"http://*:{p}"), .. List(configuration["https_ports"]).Select(p => $"https://*:{p}")];

        static string[] List(string? value) => (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// The last line of defence, for bindings no configuration check foresees (an endpoint added to a reloaded
    /// appsettings.json): a connection that did not arrive on a loopback address is closed before a byte is read.
    /// </summary>
    public static void AcceptLoopbackConnectionsOnly(WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
        {
            if (connection.LocalEndPoint is System.Net.IPEndPoint local
                && !System.Net.IPAddress.IsLoopback(local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address))
            {
                connection.Abort();
                return Task.CompletedTask;
            }

            return next(connection);
        })));

    /// <summary>localhost, 127.0.0.0/8 or ::1; a wildcard (*, +, 0.0.0.0, [::]) or any other name is not.</summary>
    internal static bool IsLoopback(string address)
    {
        var host = address;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        host = host.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }
}

/// <summary>Which published development defaults the standalone host is running with.</summary>
internal sealed record DevelopmentDefaults(bool ProviderSecrets, bool ApiKey)
{
    public bool Any => ProviderSecrets || ApiKey;

    public string Describe() => (ProviderSecrets, ApiKey) switch
    {
        (true, true) => "the development provider secrets and the development API key",
        (true, false) => "the development provider secrets",
        _ => "the development API key",
    };
}
