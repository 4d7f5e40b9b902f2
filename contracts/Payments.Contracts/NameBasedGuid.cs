using System.Security.Cryptography;
using System.Text;

namespace Payments.Contracts;

/// <summary>
/// RFC 9562 version-5 (SHA-1, name-based) UUIDs. The same name always gives the same id, which is what makes a
/// provider's retry collapse into the message id of its first delivery.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>Namespace of order correlation ids.</summary>
    public static readonly Guid Orders = new("6f1c1d2e-8a57-4c55-9a43-5d0e2b7f4a10");

    /// <summary>Namespace of message ids derived from a provider's event identity.</summary>
    public static readonly Guid ProviderEvents = new("0b9e3c8a-1f4d-4e7b-b0a6-9c2d71e5f3a4");

    /// <summary>Namespace of message ids of outcomes and other derived messages.</summary>
    public static readonly Guid Derived = new("c3a5e7f9-2b4d-4f61-8e0a-7d9c1b3e5f70");

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> namespaceBytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what RFC 9562 prescribes for version 5; it is an identifier, not a security control.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
