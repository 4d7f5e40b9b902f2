using Microsoft.AspNetCore.Http;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>Where a caller puts its credential, and which handler reads it.</summary>
public static class PaymentsCredentials
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyScheme"/> or the JWT bearer handler per request.</summary>
    public const string Scheme = "Payments";

    public const string ApiKeyScheme = "ApiKey";

    public const string JwtScheme = "Jwt";

    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// The operator console's session cookie (the console module registers it). The <c>console</c> scope is checked
    /// against this scheme only: an operator presents an API key once, at sign-in, and the browser then holds only
    /// the cookie; a key sent as a header never opens a console page.
    /// </summary>
    public const string ConsoleScheme = "ConsoleSession";

    private const string BearerPrefix = "Bearer ";

    /// <summary>The key in <c>X-Api-Key</c>, else the bearer token; null when the request carries neither.</summary>
    internal static string? PresentedApiKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeyHeader];
        if (header.Count > 0)
        {
            return header.Count == 1 ? header[0] ?? "" : "";
        }

        return BearerToken(request);
    }

    internal static bool Presented(HttpRequest request) => request.Headers.ContainsKey(ApiKeyHeader) || BearerToken(request) is not null;

    /// <summary>A compact JWT (header.payload.signature) goes to the JWT handler when one is configured; anything else is an API key.</summary>
    internal static string SchemeFor(HttpRequest request, bool jwtEnabled) =>
        jwtEnabled && !request.Headers.ContainsKey(ApiKeyHeader) && BearerToken(request) is { } token && token.Count(c => c == '.') == 2
            ? JwtScheme
            : ApiKeyScheme;

    private static string? BearerToken(HttpRequest request)
    {
        // Another kind of Authorization (Xsolla's "Signature …" on its webhooks, Basic) is not a credential of this API.
        var bearer = request.Headers.Authorization.Where(v => v is not null && v.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return bearer.Count switch
        {
            0 => null,
            1 => bearer[0]![BearerPrefix.Length..].Trim(),
            _ => "", // several bearer values: refused, never guessed
        };
    }
}
