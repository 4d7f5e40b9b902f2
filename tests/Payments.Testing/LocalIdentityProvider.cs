using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Testing;

/// <summary>
/// An OpenID Connect issuer on a loopback port, for the services' JWT bearer validation without any network: it
/// serves the discovery document and its RSA signing key (JWKS) over real HTTP, and mints RS256 tokens — valid ones
/// and the kinds a service must refuse (expired, another audience or issuer, unsigned, signed by a stranger).
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    private LocalIdentityProvider(string authority)
    {
        Authority = authority;
        _listener.Prefixes.Add(authority + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The issuer, <c>http://127.0.0.1:{port}</c>: the value of <c>Auth:Jwt:Authority</c>.</summary>
    public string Authority { get; }

    public const string KeyId = "local-test-key";

    /// <summary>The issuer's public key as bytes: what an algorithm-confusion attack would use as an HMAC secret.</summary>
    public byte[] PublicKeyBytes => _key.ExportSubjectPublicKeyInfo();

    /// <param name="host">
    /// <c>localhost</c> makes the issuer another site than a host on 127.0.0.1 for a browser, as a real identity
    /// provider is: its redirects back are cross-site navigations.
    /// </param>
    public static LocalIdentityProvider Start(string host = "127.0.0.1") => new($"http://{host}:{FreePort.Get()}");

    /// <summary>
    /// Who the authorization endpoint signs in, at once (no login or consent page), and the scopes granted in the
    /// access token; null answers <c>access_denied</c>.
    /// </summary>
    public LocalUser? SignedInUser { get; set; }

    /// <summary>The audience of the access tokens the token endpoint issues (the APIs' <c>Auth:Jwt:Audience</c>).</summary>
    public string AccessTokenAudience { get; set; } = "payments";

    /// <summary>The client the token endpoint accepts (<c>client_id</c> and, when set, <c>client_secret</c>).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// The authorization endpoint answers a page with a link back (<c>#continue</c>) instead of a redirect, as a
    /// provider's login page would: the navigation back to the client then starts on the provider's site.
    /// </summary>
    public bool ContinueWithALink { get; set; }

    /// <summary>Codes exchanged at the token endpoint so far.</summary>
    public int CodesRedeemed => _codesRedeemed;

    private int _codesRedeemed;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);

    /// <summary>Discovery requests served so far (the service fetches the document once and caches it).</summary>
    public int Requests => _requests;

    private int _requests;

    /// <param name="scopeClaim"><c>scope</c> (space-separated string) or <c>scp</c> (a JSON array).</param>
    public string Token(
        string audience,
        IEnumerable<string> scopes,
        TimeSpan? expiresIn = null,
        string? issuer = null,
        string scopeClaim = "scope",
        bool withoutSignature = false,
        bool strangerKey = false,
        string subject = "test-user",
        byte[]? hmacSecret = null)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? Authority,
            ["sub"] = subject,
            ["aud"] = audience,
            ["iat"] = Math.Min(now.ToUnixTimeSeconds(), expires.ToUnixTimeSeconds() - 60),
            ["nbf"] = Math.Min(now.ToUnixTimeSeconds(), expires.ToUnixTimeSeconds() - 60),
            ["exp"] = expires.ToUnixTimeSeconds(),
            [scopeClaim] = scopeClaim == "scp" ? scopes.ToArray() : string.Join(' ', scopes),
        };
        var header = withoutSignature
            ? new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" }
            : new Dictionary<string, object> { ["alg"] = hmacSecret is null ? "RS256" : "HS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        if (withoutSignature)
        {
            return signingInput + ".";
        }

        var signature = hmacSecret is not null
            ? HMACSHA256.HashData(hmacSecret, Encoding.ASCII.GetBytes(signingInput))
            : (strangerKey ? _stranger : _key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _key.Dispose();
        _stranger.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            int status;
            object? body;
            try
            {
                (int, object?) answer = context.Request.Url?.AbsolutePath switch
                {
                    "/.well-known/openid-configuration" => (200, new Dictionary<string, object>
                    {
                        ["issuer"] = Authority,
                        ["jwks_uri"] = $"{Authority}/jwks",
                        ["authorization_endpoint"] = $"{Authority}/authorize",
                        ["token_endpoint"] = $"{Authority}/token",
                        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                        ["response_types_supported"] = new[] { "code", "token" },
                        ["response_modes_supported"] = new[] { "query" },
                        ["code_challenge_methods_supported"] = new[] { "S256" },
                        ["grant_types_supported"] = new[] { "authorization_code" },
                        ["subject_types_supported"] = new[] { "public" },
                    }),
                    "/jwks" => (200, new { keys = new[] { Jwk() } }),
                    "/authorize" => Authorize(context),
                    "/token" => await RedeemAsync(context.Request),
                    _ => (404, null),
                };
                (status, body) = answer;
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or KeyNotFoundException)
            {
                (status, body) = (400, new { error = "invalid_request" });
            }

            if (status == 302)
            {
                context.Response.Close();
                continue;
            }

            context.Response.StatusCode = status;
            if (body is HtmlPage page)
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(page.Html));
                context.Response.Close();
                continue;
            }

            context.Response.ContentType = "application/json";
            if (body is not null)
            {
                await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body));
            }

            context.Response.Close();
        }
    }

    /// <summary>The authorization endpoint: straight back to the client with a code (or <c>access_denied</c>).</summary>
    private (int, object?) Authorize(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        var redirect = query["redirect_uri"];
        if (query["response_type"] != "code" || query["client_id"] != ClientId || string.IsNullOrEmpty(redirect)
            || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return (400, new { error = "invalid_request" });
        }

        var answer = new Dictionary<string, string?> { ["state"] = query["state"], ["iss"] = Authority };
        if (SignedInUser is { } user)
        {
            var code = Base64Url(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new PendingCode(user, redirect, query["code_challenge"]!, query["nonce"], DateTimeOffset.UtcNow.AddMinutes(1));
            answer["code"] = code;
        }
        else
        {
            answer["error"] = "access_denied";
        }

        var location = redirect + (redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?")
            + string.Join("&", answer.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        if (ContinueWithALink)
        {
            return (200, new HtmlPage($"<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body><a id=\"continue\" href=\"{WebUtility.HtmlEncode(location)}\">Continue</a></body></html>"));
        }

        context.Response.StatusCode = 302;
        context.Response.RedirectLocation = location;
        return (302, null);
    }

    /// <summary>The token endpoint: a code, once, for its redirect URI and PKCE verifier, to an id_token and an access token.</summary>
    private async Task<(int, object?)> RedeemAsync(HttpListenerRequest request)
    {
        if (request.HttpMethod != "POST")
        {
            return (405, null);
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        var (clientId, clientSecret) = (form["client_id"], form["client_secret"]);
        if (request.Headers["Authorization"] is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..])).Split(':', 2);
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        if (clientId != ClientId || (ClientSecret is not null && clientSecret != ClientSecret))
        {
            return (401, new { error = "invalid_client" });
        }

        if (form["grant_type"] != "authorization_code" || form["code"] is not { } code || !_codes.TryRemove(code, out var pending)
            || pending.Expires < DateTimeOffset.UtcNow || form["redirect_uri"] != pending.RedirectUri
            || form["code_verifier"] is not { Length: >= 43 } verifier
            || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.CodeChallenge)
        {
            return (400, new { error = "invalid_grant" });
        }

        Interlocked.Increment(ref _codesRedeemed);
        var user = pending.User;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idClaims = new Dictionary<string, object>
        {
            ["iss"] = Authority,
            ["sub"] = user.Subject,
            ["aud"] = ClientId!,
            ["iat"] = now,
            ["exp"] = now + 300,
        };
        if (pending.Nonce is not null)
        {
            idClaims["nonce"] = pending.Nonce;
        }

        if (user.PreferredUsername is not null)
        {
            idClaims["preferred_username"] = user.PreferredUsername;
        }

        if (user.Name is not null)
        {
            idClaims["name"] = user.Name;
        }

        return (200, new Dictionary<string, object>
        {
            ["access_token"] = Token(AccessTokenAudience, user.GrantedScopes, TimeSpan.FromMinutes(5), subject: user.Subject),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = Sign(idClaims),
            ["scope"] = string.Join(' ', user.GrantedScopes),
        });
    }

    private string Sign(Dictionary<string, object> payload)
    {
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return $"{signingInput}.{Base64Url(_key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    private sealed record HtmlPage(string Html);

    private sealed record PendingCode(LocalUser User, string RedirectUri, string CodeChallenge, string? Nonce, DateTimeOffset Expires);

    private Dictionary<string, string> Jwk()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A user of <see cref="LocalIdentityProvider"/>'s sign-in, and the scopes the provider grants them.</summary>
public sealed record LocalUser(string Subject, string? PreferredUsername, string? Name, IReadOnlyList<string> GrantedScopes);
