using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// <c>Authorization: Signature &lt;hex&gt;</c> where hex = SHA-1(raw body bytes ‖ UTF-8 secret) (docs/providers/xsolla.md#verification). The
/// body is hashed exactly as received: a re-serialized body hashes differently (vector X1-neg). Xsolla sends
/// lowercase hex; any case, extra spaces after the scheme and any header-name case are accepted (docs/providers/xsolla.md, decision A14).
/// </summary>
internal static class XsollaSignature
{
    public const string Scheme = "Signature";

    /// <summary>SHA-1 digest length in bytes (40 hex characters).</summary>
    public const int DigestSize = 20;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static byte[] Compute(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        // SHA-1 is Xsolla's choice, not ours; the secret suffix is what authenticates the body.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(body);
        hash.AppendData(secret);
        return hash.GetHashAndReset();
    }

    /// <summary>The digest claimed by an <c>Authorization</c> value, or null when it is not <c>Signature</c> and 40 hex characters.</summary>
    public static byte[]? ParseHeader(string? value)
    {
        var text = value.AsSpan().Trim();
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[Scheme.Length..];
        if (rest.IsEmpty || !char.IsWhiteSpace(rest[0]))
        {
            return null;
        }

        var hex = rest.Trim();
        if (hex.Length != DigestSize * 2 || hex.ContainsAnyExcept(HexDigits))
        {
            return null;
        }

        return Convert.FromHexString(hex);
    }

    /// <summary>Null when a configured secret signed <paramref name="body"/>, else the rejection to answer with.</summary>
    public static WebhookRejection? Verify(StringValues authorization, ReadOnlySpan<byte> body, XsollaAccountSecrets secrets)
    {
        if (StringValues.IsNullOrEmpty(authorization))
        {
            return XsollaRejections.MissingSignature;
        }

        if (authorization.Count != 1 || ParseHeader(authorization[0]) is not { } claimed)
        {
            return XsollaRejections.MalformedSignature;
        }

        // Every secret is tried, so the time taken does not tell which one (if any) matched.
        var matched = false;
        foreach (var secret in secrets.Secrets)
        {
            matched |= CryptographicOperations.FixedTimeEquals(Compute(body, secret), claimed);
        }

        return matched ? null : XsollaRejections.InvalidSignature;
    }
}
