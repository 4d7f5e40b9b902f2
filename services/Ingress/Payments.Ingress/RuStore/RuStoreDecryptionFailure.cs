namespace Payments.Ingress.RuStore;

internal enum RuStoreDecryptionFailure
{
    /// <summary><c>payload</c> is not Base64.</summary>
    BadBase64,

    /// <summary>The decoded payload cannot hold a 12-byte IV and a 16-byte tag (≤ 28 bytes).</summary>
    TooShort,

    /// <summary>No configured key produced a valid tag: forged, corrupted, or encrypted with a key we do not have.</summary>
    NoKeyMatched,
}
