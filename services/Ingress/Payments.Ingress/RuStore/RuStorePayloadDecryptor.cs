using System.Security.Cryptography;

namespace Payments.Ingress.RuStore;

/// <summary>
/// Opens a RuStore notification payload: Base64 of <c>IV(12) ‖ ciphertext ‖ tag(16)</c>, AES-256-GCM, no AAD
/// (docs/providers/rustore.md#verification, decision A1). The GCM tag is the only proof of origin, so a payload is accepted only when a configured
/// key verifies it. Production keys are tried before sandbox keys.
/// </summary>
internal static class RuStorePayloadDecryptor
{
    public const int IvSize = 12;
    public const int TagSize = 16;

    public static RuStoreDecryptionResult Decrypt(string payloadBase64, RuStoreAccountKeys keys)
    {
        byte[] sealedPayload;
        try
        {
            sealedPayload = Convert.FromBase64String(payloadBase64);
        }
        catch (FormatException)
        {
            return RuStoreDecryptionResult.Failed(RuStoreDecryptionFailure.BadBase64);
        }

        return Decrypt(sealedPayload, keys);
    }

    public static RuStoreDecryptionResult Decrypt(ReadOnlySpan<byte> sealedPayload, RuStoreAccountKeys keys)
    {
        if (sealedPayload.Length <= IvSize + TagSize)
        {
            return RuStoreDecryptionResult.Failed(RuStoreDecryptionFailure.TooShort);
        }

        var iv = sealedPayload[..IvSize];
        var ciphertext = sealedPayload[IvSize..^TagSize];
        var tag = sealedPayload[^TagSize..];
        var plaintext = new byte[ciphertext.Length];

        foreach (var key in keys.ProductionKeys)
        {
            if (TryOpen(key, iv, ciphertext, tag, plaintext))
            {
                return RuStoreDecryptionResult.Opened(plaintext, RuStoreKeyKind.Production);
            }
        }

        foreach (var key in keys.SandboxKeys)
        {
            if (TryOpen(key, iv, ciphertext, tag, plaintext))
            {
                return RuStoreDecryptionResult.Opened(plaintext, RuStoreKeyKind.Sandbox);
            }
        }

        return RuStoreDecryptionResult.Failed(RuStoreDecryptionFailure.NoKeyMatched);
    }

    private static bool TryOpen(byte[] key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        // AesGcm instances are not safe to share between threads; creating one is cheap next to a request.
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(iv, ciphertext, tag, plaintext);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // Decrypt has already zeroed the output.
            return false;
        }
    }
}
