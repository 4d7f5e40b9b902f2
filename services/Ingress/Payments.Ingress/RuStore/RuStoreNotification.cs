namespace Payments.Ingress.RuStore;

/// <summary>A decrypted, parsed notification payload.</summary>
internal sealed record RuStoreNotification
{
    /// <summary>Uppercase, one of <see cref="RuStoreNotificationTypes"/>.</summary>
    public required string NotificationType { get; init; }
    public required RuStoreNotificationKind Kind { get; init; }

    /// <summary>The type is one of the <c>*_SANDBOX</c> types.</summary>
    public required bool IsSandboxType { get; init; }
    public long? AppId { get; init; }

    /// <summary>Present for <see cref="RuStoreNotificationKind.InvoiceStatus"/>.</summary>
    public RuStoreInvoiceStatus? InvoiceStatus { get; init; }

    /// <summary>The plaintext exactly as it decrypted.</summary>
    public required string RawPayload { get; init; }
}
