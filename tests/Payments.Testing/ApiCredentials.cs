using Payments.Contracts.Access;

namespace Payments.Testing;

/// <summary>
/// An API key for the services a test starts: the settings that configure its digest and scopes, and HTTP clients
/// that send it (to API routes only; webhook routes get the provider's credentials, never an API key).
/// </summary>
public sealed class ApiCredentials
{
    private ApiCredentials(string name, string key, IReadOnlyList<string> scopes)
    {
        Name = name;
        Key = key;
        Scopes = scopes;
    }

    /// <summary>The test suite's key with every scope, named <c>tests</c>.</summary>
    public static ApiCredentials Tests { get; } = new("tests", "test-suite-api-key-every-scope-0000000001", Payments.Contracts.Access.Scopes.All);

    /// <summary>The standalone host's published development key (every scope), in use while it has no <c>Auth</c> section.</summary>
    public static ApiCredentials StandaloneDevelopment { get; } = new("development", ApiKey.StandaloneDevelopmentKey, Payments.Contracts.Access.Scopes.All);

    public string Name { get; }

    public string Key { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>A fresh random key (for tools that start their own services).</summary>
    public static ApiCredentials Generate(string name, IReadOnlyList<string>? scopes = null) =>
        new(name, ApiKey.Generate(), scopes ?? Payments.Contracts.Access.Scopes.All);

    public static ApiCredentials Of(string name, string key, params string[] scopes) => new(name, key, scopes);

    /// <summary>
    /// <c>Auth:ApiKeys:{name}:Sha256</c> and <c>:Scopes:{i}</c>, with <paramref name="separator"/> between the parts
    /// (":" for in-process configuration, "__" for environment variables).
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings(string separator = ":")
    {
        var prefix = string.Join(separator, "Auth", "ApiKeys", Name);
        var settings = new Dictionary<string, string> { [prefix + separator + "Sha256"] = ApiKey.Sha256Hex(Key) };
        for (var i = 0; i < Scopes.Count; i++)
        {
            settings[string.Join(separator, prefix, "Scopes", i.ToString(System.Globalization.CultureInfo.InvariantCulture))] = Scopes[i];
        }

        return settings;
    }

    public IReadOnlyDictionary<string, string> EnvironmentVariables => Settings("__");

    /// <summary>An HTTP client that sends this key as <c>X-Api-Key</c> on every request outside <c>/webhooks/</c>.</summary>
    public HttpClient Client(Uri? baseAddress = null, TimeSpan? timeout = null, HttpMessageHandler? inner = null)
    {
        var client = new HttpClient(Handler(inner ?? new SocketsHttpHandler { AllowAutoRedirect = false }));
        if (baseAddress is not null)
        {
            client.BaseAddress = baseAddress;
        }

        if (timeout is { } value)
        {
            client.Timeout = value;
        }

        return client;
    }

    public DelegatingHandler Handler(HttpMessageHandler inner) => new SendKey(Key) { InnerHandler = inner };

    private sealed class SendKey(string key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri && !uri.AbsolutePath.StartsWith("/webhooks/", StringComparison.Ordinal) && !request.Headers.Contains("X-Api-Key"))
            {
                request.Headers.Add("X-Api-Key", key);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
