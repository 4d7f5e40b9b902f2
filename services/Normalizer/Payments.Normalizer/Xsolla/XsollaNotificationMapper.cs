using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

/// <summary>
/// Xsolla webhooks (PROTOCOLS.md §2.5) as domain events: payment and order_paid → succeeded, refund and
/// order_canceled → refunded, partial_refund → partially refunded (recorded, revokes nothing, A23).
/// <para>
/// Identity: every webhook of one purchase must reach the same saga, and the one id they all carry is Xsolla's
/// invoice. So the order is identified by the invoice id: <c>transaction.id</c> for payment, refund and
/// partial_refund; <c>order.invoice_id</c> for order_paid and order_canceled, which is that same invoice (in
/// combined mode <c>billing.transaction.id</c>, literally the payment's <c>transaction.id</c>, is preferred). An
/// order webhook with neither falls back to <c>order-{order.id}</c>: prefixed so it can never collide with an
/// invoice id, and then a saga of its own that no payment webhook reaches. Xsolla documents <c>invoice_id</c> on
/// every order webhook, so this is a last resort, not a path. <c>transaction.external_id</c> (the game's own id)
/// is not used: it is optional and order webhooks do not carry it. A game that registers the order with
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
        var reference = Reference(notification.Account, notification.Environment, notification.TransactionId);
        return new PaymentSucceeded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = new PaymentDetails
            {
                SourceEventId = SourceEventId("payment", notification.TransactionId),
                OccurredAt = notification.PaymentDate ?? receivedAt,
                UserId = notification.UserId,
                Items = ItemsOrNull(notification.Items),
                QuantitiesStated = true,
                Amount = notification.Amount,
                Currency = notification.Amount is null ? null : notification.Currency,
                ProviderStatus = "payment",
            },
        };
    }

    public static PaymentSucceeded Map(XsollaOrderPaidReceived notification, DateTimeOffset receivedAt)
    {
        var reference = Reference(
            notification.Account, notification.Environment, OrderKey(notification.TransactionId, notification.InvoiceId, notification.OrderId));
        return new PaymentSucceeded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = OrderDetails(
                "order_paid", notification.OrderId, notification.InvoiceId, notification.TransactionId, notification.PaymentDate ?? receivedAt,
                notification.UserId, notification.Items, notification.CurrencyType, notification.Amount, notification.Currency),
        };
    }

    /// <remarks><c>transaction.payment_date</c> of a refund is when the refunded payment was made, so the refund is dated on receipt.</remarks>
    public static PaymentRefunded Map(XsollaRefundReceived notification, DateTimeOffset receivedAt)
    {
        var reference = Reference(notification.Account, notification.Environment, notification.TransactionId);
        return new PaymentRefunded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = RefundDetails("refund", notification.TransactionId, receivedAt, notification.UserId, notification.Items, notification.Amount, notification.Currency),
            Reason = RefundReason(notification.RefundReason, notification.RefundCode, "refund"),
        };
    }

    public static PaymentPartiallyRefunded Map(XsollaPartialRefundReceived notification, DateTimeOffset receivedAt)
    {
        var reference = Reference(notification.Account, notification.Environment, notification.TransactionId);
        return new PaymentPartiallyRefunded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = RefundDetails(
                "partial_refund", notification.TransactionId, receivedAt, notification.UserId, notification.Items, notification.Amount, notification.Currency),
            Reason = RefundReason(notification.RefundReason, notification.RefundCode, "partial_refund"),
        };
    }

    /// <remarks>Decided by the notification type, not by <c>order.status</c>, which may still say "paid" (A21).</remarks>
    public static PaymentRefunded Map(XsollaOrderCanceledReceived notification, DateTimeOffset receivedAt)
    {
        var reference = Reference(
            notification.Account, notification.Environment, OrderKey(notification.TransactionId, notification.InvoiceId, notification.OrderId));
        return new PaymentRefunded
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            Payment = OrderDetails(
                "order_canceled", notification.OrderId, notification.InvoiceId, notification.TransactionId, receivedAt,
                notification.UserId, notification.Items, notification.CurrencyType, notification.Amount, notification.Currency),
            Reason = "order_canceled",
        };
    }

    /// <summary>The invoice id of an order webhook, or its prefixed order id as the last resort (see the type's remarks).</summary>
    /// <remarks>
    /// The prefixed order id must fit the order's column (<see cref="FieldLimits.ProviderId"/>) like any other key:
    /// an order id of the last few allowed lengths is named by its SHA-256 instead, still one key per order.
    /// </remarks>
    public static string OrderKey(string? billingTransactionId, string? invoiceId, string? orderId) =>
        billingTransactionId ?? invoiceId ?? (orderId is not null
            ? ($"order-{orderId}" is var key && key.Length <= FieldLimits.ProviderId
                ? key
                : $"order-sha256-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(orderId)))}")
            : throw new ArgumentException("An Xsolla order webhook names neither its invoice nor its order."));

    private static OrderReference Reference(string account, string environment, string providerOrderId) => new()
    {
        Provider = PaymentProviders.Xsolla,
        Account = account,
        Environment = environment,
        ProviderOrderId = providerOrderId,
    };

    private static PaymentDetails OrderDetails(
        string type, string? orderId, string? invoiceId, string? transactionId, DateTimeOffset occurredAt, string? userId,
        IReadOnlyList<OrderItem> items, string? currencyType, string? amount, string? currency)
    {
        // order.amount is in virtual currency when currency_type is "virtual": not money, so not an amount to compare.
        var realMoney = amount is not null && !string.Equals(currencyType, "virtual", StringComparison.OrdinalIgnoreCase);
        return new PaymentDetails
        {
            SourceEventId = SourceEventId(type, orderId ?? $"invoice-{invoiceId ?? transactionId}"),
            OccurredAt = occurredAt,
            UserId = userId,
            Items = ItemsOrNull(items),
            QuantitiesStated = true,
            Amount = realMoney ? amount : null,
            Currency = realMoney ? currency : null,
            ProviderStatus = type,
        };
    }

    private static PaymentDetails RefundDetails(
        string type, string transactionId, DateTimeOffset occurredAt, string? userId, IReadOnlyList<OrderItem> items, string? amount, string? currency) => new()
    {
        SourceEventId = SourceEventId(type, transactionId),
        OccurredAt = occurredAt,
        UserId = userId,
        Items = ItemsOrNull(items),
        QuantitiesStated = true,
        Amount = amount,
        Currency = amount is null ? null : currency,
        ProviderStatus = type,
    };

    /// <summary>The same id as the Ingress message id's last two parts, so one webhook is one source event however often it is resent.</summary>
    private static string SourceEventId(string type, string id) => $"xsolla:{type}:{id}";

    private static IReadOnlyList<OrderItem>? ItemsOrNull(IReadOnlyList<OrderItem> items) => items.Count == 0 ? null : items;

    private static string RefundReason(string? reason, int? code, string fallback) =>
        reason ?? (code is { } number ? $"refund code {number}" : fallback);
}
