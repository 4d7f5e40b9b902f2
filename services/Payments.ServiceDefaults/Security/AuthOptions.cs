using Payments.Contracts.Access;
namespace Payments.ServiceDefaults.Security;

/// <summary>
/// <c>Auth</c>: who may call the HTTP APIs. Without any key or JWT authority every API route answers 401; the
/// webhook and health routes never need these credentials.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary><c>Auth:ApiKeys:{name}</c>: one entry per key. A caller rotating keys has two entries for a while.</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public JwtOptions Jwt { get; init; } = new();
}

public sealed class ApiKeyOptions
{
    /// <summary>Lowercase hex SHA-256 of the key; the key itself is never configured.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The scopes of <see cref="Scopes"/> this key grants.</summary>
    public List<string> Scopes { get; init; } = [];
}

/// <summary><c>Auth:Jwt</c>: tokens of an identity provider, scopes from the <c>scope</c> or <c>scp</c> claim.</summary>
public sealed class JwtOptions
{
    /// <summary>The issuer; its OpenID Connect discovery document gives the signing keys. HTTPS unless loopback.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> a token must carry to be accepted here.</summary>
    public string? Audience { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
