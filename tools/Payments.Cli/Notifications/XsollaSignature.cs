using System.Security.Cryptography;
using System.Text;

namespace Payments.Cli.Notifications;

/// <summary>
/// <c>Authorization: Signature &lt;hex&gt;</c> with hex = lowercase SHA-1 of the raw body bytes followed by the UTF-8
/// project secret (PROTOCOLS.md §2.2). SHA-1 is Xsolla's choice, not ours.
/// </summary>
internal static class XsollaSignature
{
    public static string Sign(byte[] body, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[body.Length + secretBytes.Length];
        body.CopyTo(input, 0);
        secretBytes.CopyTo(input, body.Length);
#pragma warning disable CA5350
        return Convert.ToHexStringLower(SHA1.HashData(input));
#pragma warning restore CA5350
    }

    public static string AuthorizationHeader(byte[] body, string secret) => $"Signature {Sign(body, secret)}";
}
