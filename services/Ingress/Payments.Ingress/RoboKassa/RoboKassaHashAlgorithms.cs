using System.Security.Cryptography;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// The shop's signature algorithm. RoboKassa also offers RIPEMD160 (docs/providers/robokassa.md, decision A32), but .NET on Linux has no
/// RIPEMD-160 implementation, so that choice is refused at start rather than failing every notification.
/// </summary>
internal static class RoboKassaHashAlgorithms
{
    public const string Ripemd160 = "RIPEMD160";

    public const string Supported = "MD5, SHA1, SHA256, SHA384 or SHA512";

    /// <summary>An empty setting means MD5, RoboKassa's default; names are matched in any case.</summary>
    public static bool TryParse(string? text, out HashAlgorithmName algorithm)
    {
        algorithm = text?.Trim().ToUpperInvariant() switch
        {
            null or "" or "MD5" => HashAlgorithmName.MD5,
            "SHA1" => HashAlgorithmName.SHA1,
            "SHA256" => HashAlgorithmName.SHA256,
            "SHA384" => HashAlgorithmName.SHA384,
            "SHA512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        return algorithm != default;
    }

    public static bool IsRipemd160(string? text) => string.Equals(text?.Trim(), Ripemd160, StringComparison.OrdinalIgnoreCase);
}
