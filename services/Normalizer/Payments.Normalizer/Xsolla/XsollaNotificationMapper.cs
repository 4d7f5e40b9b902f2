using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

/// <summary>
/// Xsolla webhooks (docs/providers/xsolla.md) as domain events: payment and order_paid → succeeded, refund and
/// order_canceled → refunded, partial_refund → partially refunded (recorded, revokes nothing).
/// <para>
/// Identity: every webhook of one purchase must reach the same saga, and the one id they all carry is Xsolla's
/// invoice. So the order is identified by the invoice id: <c>transaction.id</c> for payment, refund and
/// partial_refund; for order_paid and order_canceled <see cref="XsollaOrder.OrderKey"/>, which is that same invoice
/// (and says what an order webhook naming no invoice falls back to). <c>transaction.external_id</c> (the game's own
/// id) is not used: it is optional and order webhooks do not carry it. A game that registers the order with
/// <c>POST /orders</c> names the invoice id as <c>providerOrderId</c>.
/// </para>
/// <para>
/// payment and order_paid of one purchase are two events of one order (different <c>SourceEventId</c>); the second
/// is recorded as "paid cannot follow paid" and changes nothing. The user comes from <c>user.id</c> or
/// <c>user.external_id</c>; an amount is passed on only when it is real money, never an order paid in virtual
/// currency.
/// </para>
/// </summary>
public static class XsollaNotificationMapper
{
    public static PaymentSucceeded Map(XsollaPaymentReceived notification, DateTimeOffset receivedAt)
    {
        var transaction = notification.Transaction;
        var reference = Reference(notification.Account, notification.Environment, transaction.Id);
        return new PaymentSucceeded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = TransactionDetails("payment", transaction, transaction.PaymentDate ?? receivedAt),
        };
    }

    public static PaymentSucceeded Map(XsollaOrderPaidReceived notification, DateTimeOffset receivedAt)
    {
        var order = notification.Order;
        var reference = Reference(notification.Account, notification.Environment, order.OrderKey());
        return new PaymentSucceeded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = OrderDetails("order_paid", order, order.BillingPaymentDate ?? receivedAt),
        };
    }

    /// <remarks><c>transaction.payment_date</c> of a refund is when the refunded payment was made, so the refund is dated on receipt.</remarks>
    public static PaymentRefunded Map(XsollaRefundReceived notification, DateTimeOffset receivedAt)
    {
        var transaction = notification.Transaction;
        var reference = Reference(notification.Account, notification.Environment, transaction.Id);
        return new PaymentRefunded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = TransactionDetails("refund", transaction, receivedAt),
            Reason = RefundReason(transaction, "refund"),
        };
    }

    public static PaymentPartiallyRefunded Map(XsollaPartialRefundReceived notification, DateTimeOffset receivedAt)
    {
        var transaction = notification.Transaction;
        var reference = Reference(notification.Account, notification.Environment, transaction.Id);
        return new PaymentPartiallyRefunded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = TransactionDetails("partial_refund", transaction, receivedAt),
            Reason = RefundReason(transaction, "partial_refund"),
        };
    }

    /// <remarks>Decided by the notification type, not by <c>order.status</c>, which may still say "paid".</remarks>
    public static PaymentRefunded Map(XsollaOrderCanceledReceived notification, DateTimeOffset receivedAt)
    {
        var order = notification.Order;
        var reference = Reference(notification.Account, notification.Environment, order.OrderKey());
        return new PaymentRefunded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = OrderDetails("order_canceled", order, receivedAt),
            Reason = "order_canceled",
        };
    }

    private static OrderReference Reference(string account, string environment, string providerOrderId) => new()
    {
        Provider = PaymentProviders.Xsolla,
        Account = account,
        Environment = environment,
        ProviderOrderId = providerOrderId,
    };

    /// <param name="type">The notification type, kept as the timeline's provider status.</param>
    private static PaymentDetails TransactionDetails(string type, XsollaTransaction transaction, DateTimeOffset occurredAt) => new()
    {
        SourceEventId = SourceEventId(type, transaction.Id),
        OccurredAt = occurredAt,
        UserId = transaction.UserId,
        Items = ItemsOrNull(transaction.Items),
        QuantitiesStated = true,
        Amount = transaction.Amount,
        Currency = transaction.Amount is null ? null : transaction.Currency,
        ProviderStatus = type,
    };

    /// <param name="type">The notification type, kept as the timeline's provider status.</param>
    private static PaymentDetails OrderDetails(string type, XsollaOrder order, DateTimeOffset occurredAt)
    {
        // order.amount is in virtual currency when currency_type is "virtual": not money, so not an amount to compare.
        var realMoney = order.Amount is not null && !order.PaidInVirtualCurrency();
        return new PaymentDetails
        {
            SourceEventId = SourceEventId(type, order.EventId()),
            OccurredAt = occurredAt,
            UserId = order.UserId,
            Items = ItemsOrNull(order.Items),
            QuantitiesStated = true,
            Amount = realMoney ? order.Amount : null,
            Currency = realMoney ? order.Currency : null,
            ProviderStatus = type,
        };
    }

    /// <summary>The same id as the Ingress message id's last two parts, so one webhook is one source event however often it is resent.</summary>
    private static string SourceEventId(string type, string id) => $"xsolla:{type}:{id}";

    private static IReadOnlyList<OrderItem>? ItemsOrNull(IReadOnlyList<OrderItem> items) => items.Count == 0 ? null : items;

    private static string RefundReason(XsollaTransaction transaction, string fallback) =>
        transaction.RefundReason ?? (transaction.RefundCode is { } code ? $"refund code {code}" : fallback);
}
