using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Ingress.Xsolla;

/// <summary>Provider messages built from a verified notification, and their deterministic message ids.</summary>
internal static class XsollaMessages
{
    /// <summary>
    /// One notification type about one transaction or order is one provider event, however often Xsolla resends it
    /// (docs/providers/xsolla.md): <c>xsolla/{account}/{environment}/{notification_type}/{transaction id or order id}</c>.
    /// </summary>
    public static Guid MessageId(string account, XsollaNotification notification) =>
        NameBasedGuid.Create(
            NameBasedGuid.ProviderEvents, $"{PaymentProviders.Xsolla}/{account}/{notification.Environment}/{notification.NotificationType}/{notification.EventId}");

    public static XsollaPaymentReceived Payment(string account, XsollaNotification notification) => new()
    {
        Account = account, Environment = notification.Environment, Transaction = TransactionOf(notification), RawBody = notification.RawBody,
    };

    public static XsollaRefundReceived Refund(string account, XsollaNotification notification) => new()
    {
        Account = account, Environment = notification.Environment, Transaction = TransactionOf(notification), RawBody = notification.RawBody,
    };

    public static XsollaPartialRefundReceived PartialRefund(string account, XsollaNotification notification) => new()
    {
        Account = account, Environment = notification.Environment, Transaction = TransactionOf(notification), RawBody = notification.RawBody,
    };

    public static XsollaOrderPaidReceived OrderPaid(string account, XsollaNotification notification) => new()
    {
        Account = account, Environment = notification.Environment, Order = OrderOf(notification), RawBody = notification.RawBody,
    };

    public static XsollaOrderCanceledReceived OrderCanceled(string account, XsollaNotification notification) => new()
    {
        Account = account, Environment = notification.Environment, Order = OrderOf(notification), RawBody = notification.RawBody,
    };

    private static XsollaTransaction TransactionOf(XsollaNotification notification) =>
        notification.Transaction ?? throw new ArgumentException("Not a payment, refund or partial_refund notification.", nameof(notification));

    private static XsollaOrder OrderOf(XsollaNotification notification) =>
        notification.Order ?? throw new ArgumentException("Not an order_paid or order_canceled notification.", nameof(notification));
}
