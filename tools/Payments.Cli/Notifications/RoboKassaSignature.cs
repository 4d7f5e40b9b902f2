using System.Security.Cryptography;
using System.Text;

namespace Payments.Cli.Notifications;

/// <summary>
/// ResultURL <c>SignatureValue</c>: uppercase hex of hash(<c>OutSum:InvId:Password#2[:Shp_name=value…]</c>), UTF-8,
/// in the shop's algorithm (PROTOCOLS.md §3.2). MD5 and SHA-1 are RoboKassa's choices, not ours.
/// </summary>
internal static class RoboKassaSignature
{
    public static readonly string[] Algorithms = ["MD5", "SHA1", "SHA256", "SHA384", "SHA512"];

    /// <param name="shp">Custom parameters; sorted here by name, case-insensitively, as RoboKassa documents (A24).</param>
    public static string BaseString(string outSum, string invId, string password, IEnumerable<KeyValuePair<string, string>> shp) =>
        $"{outSum}:{invId}:{password}" + string.Concat(shp.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $":{p.Key}={p.Value}"));

    public static string Sign(string algorithm, string baseString)
    {
        var bytes = Encoding.UTF8.GetBytes(baseString);
#pragma warning disable CA5350, CA5351
        var hash = algorithm.ToUpperInvariant() switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA1" => SHA1.HashData(bytes),
            "SHA256" => SHA256.HashData(bytes),
            "SHA384" => SHA384.HashData(bytes),
            "SHA512" => SHA512.HashData(bytes),
            _ => throw new ArgumentException($"The RoboKassa algorithm must be one of {string.Join(", ", Algorithms)}.", nameof(algorithm)),
        };
#pragma warning restore CA5350, CA5351
        return Convert.ToHexString(hash);
    }
}
