using System.Diagnostics.CodeAnalysis;

namespace Payments.Ingress.RuStore;

/// <summary>The plaintext and the kind of key that authenticated it, or why nothing did.</summary>
internal sealed class RuStoreDecryptionResult
{
    private RuStoreDecryptionResult(byte[]? plaintext, RuStoreKeyKind keyKind, RuStoreDecryptionFailure? failure)
    {
        Plaintext = plaintext;
        KeyKind = keyKind;
        Failure = failure;
    }

    public byte[]? Plaintext { get; }

    public RuStoreKeyKind KeyKind { get; }

    public RuStoreDecryptionFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Plaintext))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static RuStoreDecryptionResult Opened(byte[] plaintext, RuStoreKeyKind keyKind) => new(plaintext, keyKind, null);

    public static RuStoreDecryptionResult Failed(RuStoreDecryptionFailure failure) => new(null, default, failure);
}
