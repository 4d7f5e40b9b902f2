using Payments.Contracts;
using Payments.Contracts.Providers.RuStore;

namespace Payments.Ingress.RuStore;

/// <summary>Provider messages built from a verified notification, and their deterministic message ids.</summary>
internal static class RuStoreMessages
{
    /// <summary>
    /// One invoice reaching one status is one provider event, whatever notification id RuStore gave each retry
    /// (docs/providers/rustore.md, decision A5): <c>rustore/{account}/{environment}/{invoice_id}/{status_new}</c>.
    /// </summary>
    public static Guid InvoiceStatusMessageId(string account, string environment, string invoiceId, string statusNew) =>
        NameBasedGuid.Create(NameBasedGuid.ProviderEvents, $"{PaymentProviders.RuStore}/{account}/{environment}/{invoiceId}/{statusNew}");

    /// <summary>
    /// A test event carries no identity of its own inside the encrypted payload, and the envelope's <c>id</c> is not
    /// authenticated (anyone can resend a captured payload under new ids): its identity is the decrypted payload
    /// itself, <c>rustore/{account}/{environment}/test_event/{sha256 of the payload}</c>. The same payload is the
    /// same event however often it is sent.
    /// </summary>
    public static Guid TestEventMessageId(string account, string environment, string decryptedPayload) =>
        NameBasedGuid.Create(
            NameBasedGuid.ProviderEvents,
            $"{PaymentProviders.RuStore}/{account}/{environment}/test_event/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(decryptedPayload)))}");

    public static RuStoreInvoiceStatusReceived InvoiceStatus(string account, RuStoreEnvelope envelope, RuStoreVerifiedNotification verified)
    {
        var notification = verified.Notification;
        var data = notification.InvoiceStatus ?? throw new ArgumentException("Not an invoice status notification.", nameof(verified));
        return new RuStoreInvoiceStatusReceived
        {
            Account = account,
            Environment = verified.Environment,
            NotificationId = envelope.Id,
            Timestamp = envelope.Timestamp,
            AppId = notification.AppId,
            InvoiceId = data.InvoiceId,
            OrderId = data.OrderId,
            PurchaseId = data.PurchaseId,
            PurchaseToken = data.PurchaseToken,
            ProductCode = data.ProductCode,
            StatusNew = data.StatusNew,
            StatusOld = data.StatusOld,
            ChangeStatusTime = data.ChangeStatusTime,
            DeveloperPayload = data.DeveloperPayload,
            RawPayload = notification.RawPayload,
        };
    }

    public static RuStoreTestEventReceived TestEvent(string account, RuStoreEnvelope envelope, RuStoreVerifiedNotification verified) => new()
    {
        Account = account,
        Environment = verified.Environment,
        NotificationId = envelope.Id,
        Timestamp = envelope.Timestamp,
        AppId = verified.Notification.AppId,
        RawPayload = verified.Notification.RawPayload,
    };
}
