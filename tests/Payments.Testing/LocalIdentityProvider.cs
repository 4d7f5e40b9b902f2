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

    public static LocalIdentityProvider Start() => new($"http://127.0.0.1:{FreePort.Get()}");

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
            object? body = context.Request.Url?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => new Dictionary<string, object>
                {
                    ["issuer"] = Authority,
                    ["jwks_uri"] = $"{Authority}/jwks",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["response_types_supported"] = new[] { "token" },
                    ["subject_types_supported"] = new[] { "public" },
                },
                "/jwks" => new { keys = new[] { Jwk() } },
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            if (body is not null)
            {
                await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body));
            }

            context.Response.Close();
        }
    }

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
