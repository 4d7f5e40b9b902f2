using System.Diagnostics.CodeAnalysis;

namespace Payments.Ingress.RuStore;

/// <summary>
/// The console shows the key as Base64 of 32 bytes; 64 hex characters are accepted too. Raw text is never used as a
/// key, so a mistyped setting fails at start instead of failing every notification (docs/providers/rustore.md, decision A2).
/// </summary>
internal static class RuStoreKeyText
{
    public const int KeySize = 32;

    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == KeySize * 2 && trimmed.All(char.IsAsciiHexDigit))
        {
            key = Convert.FromHexString(trimmed);
            return true;
        }

        // A destination of exactly 32 bytes makes longer keys fail instead of being cut.
        var buffer = new byte[KeySize];
        if (Convert.TryFromBase64String(trimmed, buffer, out var written) && written == KeySize)
        {
            key = buffer;
            return true;
        }

        return false;
    }
}
