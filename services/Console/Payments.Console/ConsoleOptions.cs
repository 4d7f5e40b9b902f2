using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payments.OperatorConsole.Access;

namespace Payments.OperatorConsole;

/// <summary>The console's settings (<c>Console:…</c>; README "Operator console").</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>The services the console calls, by name, as base URLs (<c>Console:Services:Orders</c>, …).</summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The console's own API key: every call to a service carries it. Give it only the scopes the console uses
    /// (README "Operator console"); the operators' keys are never sent to a service.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The services are modules of the host the console runs in (the standalone host): their base URL is this
    /// host's own address, read from the server once it listens.
    /// </summary>
    public bool SameHost { get; set; }

    /// <summary>
    /// <c>Always</c> marks the session and antiforgery cookies Secure whatever the request's scheme: set it when a
    /// proxy terminates TLS in front of the console. <c>SameAsRequest</c> (default) marks them Secure on https.
    /// </summary>
    public CookieSecurePolicy SecureCookie { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>How long a sign-in lasts without activity (sliding); 8 hours by default, at most 24.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long the console waits for a service's answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>Console:Oidc</c>: sign-in with the identity provider of <c>Auth:Jwt:Authority</c>, besides the API key.
    /// On when both that authority and <see cref="ConsoleOidcOptions.ClientId"/> are set.
    /// </summary>
    public ConsoleOidcOptions Oidc { get; set; } = new();
}

/// <summary>The console as a client of the identity provider (README "Operator console").</summary>
public sealed class ConsoleOidcOptions
{
    /// <summary>The console's client id at the identity provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's secret, a secret like the API keys; none for a public client (PKCE is always used).</summary>
    public string? ClientSecret { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(ClientId);
}

internal sealed class ConsoleOptionsValidator(IConfiguration configuration) : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        if (options.Oidc.Configured)
        {
            // The authority itself (https unless loopback, an audience) is checked with Auth:Jwt.
            if (string.IsNullOrWhiteSpace(configuration[ConsoleOidc.AuthoritySetting]))
            {
                failures.Add($"{ConsoleOptions.SectionName}:Oidc:ClientId is set but {ConsoleOidc.AuthoritySetting} is not: the sign-in needs the identity provider there.");
            }
        }
        else if (!string.IsNullOrEmpty(options.Oidc.ClientSecret))
        {
            failures.Add($"{ConsoleOptions.SectionName}:Oidc:ClientSecret is set but {ConsoleOptions.SectionName}:Oidc:ClientId is not; set both or neither.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey) || options.ApiKey.Length < 32)
        {
            failures.Add($"{ConsoleOptions.SectionName}:ApiKey must be the console's API key (at least 32 characters).");
        }

        if (!options.SameHost)
        {
            foreach (var required in ConsoleServices.Required)
            {
                if (!options.Services.ContainsKey(required))
                {
                    failures.Add($"{ConsoleOptions.SectionName}:Services:{required} must be the {required} service's base URL.");
                }
            }
        }

        foreach (var (service, url) in options.Services)
        {
            if (!ConsoleServices.All.Contains(service, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{ConsoleOptions.SectionName}:Services:{service} is not a service the console knows ({string.Join(", ", ConsoleServices.All)}).");
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
            {
                failures.Add($"{ConsoleOptions.SectionName}:Services:{service} must be an absolute http(s) URL without a query.");
            }
        }

        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > TimeSpan.FromHours(24))
        {
            failures.Add($"{ConsoleOptions.SectionName}:SessionLifetime must be more than 0 and at most 24 hours.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{ConsoleOptions.SectionName}:RequestTimeout must be more than 0 and at most 1 minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The services the console knows by name.</summary>
public static class ConsoleServices
{
    public const string Orders = "Orders";
    public const string Entitlements = "Entitlements";
    public const string Archive = "Archive";
    public const string Notifier = "Notifier";
    public const string Ingress = "Ingress";
    public const string Normalizer = "Normalizer";

    /// <summary>Without these the console cannot answer its main question.</summary>
    public static IReadOnlyList<string> Required { get; } = [Orders, Entitlements, Archive];

    public static IReadOnlyList<string> All { get; } = [Ingress, Normalizer, Orders, Entitlements, Archive, Notifier];
}

public static class ConsolePaths
{
    public const string Root = "/console";
    public const string SignIn = "/console/sign-in";
    public const string SignOut = "/console/sign-out";
    public const string StyleSheet = "/console/console.css";
    public const string OidcChallenge = "/console/sign-in/oidc";
    public const string OidcCallback = "/console/signin-oidc";
    public const string OidcLanding = "/console/sign-in/done";
}
