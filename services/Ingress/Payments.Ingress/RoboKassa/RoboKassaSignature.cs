using System.Security.Cryptography;
using System.Text;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// <c>SignatureValue</c> = hex of hash(UTF-8 of <c>OutSum:InvId:Password[:Shp_name=value…]</c>), values verbatim as
/// received (docs/providers/robokassa.md#verification, decision A26). Shp parameters are tried in case-insensitive order first and, only when that
/// differs and fails, in byte order (decision A24): two candidates at most, both needing the password.
/// </summary>
internal static class RoboKassaSignature
{
    public static string BaseString(string outSum, string invId, string password, IEnumerable<KeyValuePair<string, string>> shp, RoboKassaShpOrder order)
    {
        var builder = new StringBuilder().Append(outSum).Append(':').Append(invId).Append(':').Append(password);
        foreach (var (name, value) in Sort(shp, order))
        {
            builder.Append(':').Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }

    public static byte[] Hash(HashAlgorithmName algorithm, string baseString)
    {
        var bytes = Encoding.UTF8.GetBytes(baseString);
        try
        {
            // MD5 and SHA-1 are what many shops are set to; the algorithm is RoboKassa's choice, not ours.
            return CryptographicOperations.HashData(algorithm, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The ordering under which <paramref name="signatureValue"/> (hex, any case) verifies, or null.</summary>
    public static RoboKassaShpOrder? Verify(
        HashAlgorithmName algorithm, string signatureValue, string outSum, string invId, string password, IReadOnlyList<KeyValuePair<string, string>> shp)
    {
        if (!TryDecodeHex(signatureValue, out var presented))
        {
            return null;
        }

        var caseInsensitive = BaseString(outSum, invId, password, shp, RoboKassaShpOrder.CaseInsensitive);
        if (CryptographicOperations.FixedTimeEquals(Hash(algorithm, caseInsensitive), presented))
        {
            return RoboKassaShpOrder.CaseInsensitive;
        }

        var ordinal = BaseString(outSum, invId, password, shp, RoboKassaShpOrder.Ordinal);
        if (!string.Equals(ordinal, caseInsensitive, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Hash(algorithm, ordinal), presented))
        {
            return RoboKassaShpOrder.Ordinal;
        }

        return null;
    }

    private static IEnumerable<KeyValuePair<string, string>> Sort(IEnumerable<KeyValuePair<string, string>> shp, RoboKassaShpOrder order) =>
        order == RoboKassaShpOrder.Ordinal
            ? shp.OrderBy(p => p.Key, StringComparer.Ordinal)

            // Lowercase, as PHP's strcasecmp and Python's str.lower do: .NET's OrdinalIgnoreCase folds to uppercase,
            // which puts '_' after the letters and so orders "Shp_a_b" and "Shp_ab" the other way round.
            : shp.OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal);

    private static bool TryDecodeHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(text);
        return true;
    }
}
