using System.Security.Cryptography;
using System.Text;

namespace Payments.Contracts.Access;

/// <summary>
/// The API key format shared by the services (which store only <see cref="Sha256Hex"/> of a key) and the tools that
/// send one. A key is at least <see cref="MinimumLength"/> characters without white space or dots (a dot marks a JWT).
/// </summary>
public static class ApiKey
{
    public const int MinimumLength = 32;

    /// <summary>
    /// The standalone host's development key, published like its other development secrets: it is accepted only
    /// when no <c>Auth</c> section is configured, and then the host listens on loopback only.
    /// </summary>
    public const string StandaloneDevelopmentKey = "dev-only-standalone-payments-api-key-0001";

    /// <summary>Lowercase hex SHA-256 of the key's UTF-8 bytes: the value of <c>Auth:ApiKeys:{name}:Sha256</c>.</summary>
    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key: 32 random bytes, base64url (43 characters).</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Why <paramref name="key"/> cannot be a key, naming <paramref name="setting"/>; null when it can.</summary>
    public static string? Problem(string? key, string setting)
    {
        if (string.IsNullOrEmpty(key))
        {
            return $"{setting} is empty.";
        }

        if (key.Length < MinimumLength)
        {
            return $"{setting} is {key.Length} characters; an API key has at least {MinimumLength}.";
        }

        return key.Any(c => char.IsWhiteSpace(c) || c == '.' || char.IsControl(c))
            ? $"{setting} contains white space, a control character or a dot; an API key has none."
            : null;
    }

    /// <summary>Whether <paramref name="hash"/> is 64 lowercase hex digits.</summary>
    public static bool IsSha256Hex(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
