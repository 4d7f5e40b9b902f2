using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.RuStore;

namespace Payments.Normalizer.RuStore;

/// <summary>
/// RuStore invoice statuses (docs/providers/rustore.md#statuses) as domain events. An order is identified by the developer's
/// <c>order_id</c> (the id the game passed when starting the purchase, so it matches <c>POST /orders</c>), or by
/// <c>invoice_id</c> when RuStore sends none. Every status of one purchase carries the same ids, so every event of
/// the purchase reaches the same saga. RuStore never names the user: the order registration supplies it.
/// </summary>
public static class RuStoreInvoiceStatusMapper
{
    /// <returns>The domain event, or null for a status that changes nothing (created, or one RuStore added later).</returns>
    public static object? Map(RuStoreInvoiceStatusReceived notification, DateTimeOffset receivedAt)
    {
        var reference = new OrderReference
        {
            Provider = PaymentProviders.RuStore,
            Account = notification.Account,
            Environment = notification.Environment,
            ProviderOrderId = string.IsNullOrWhiteSpace(notification.OrderId) ? notification.InvoiceId : notification.OrderId,
        };
        var status = notification.StatusNew.ToLowerInvariant();
        var payment = new PaymentDetails
        {
            SourceEventId = $"rustore:{notification.InvoiceId}:{status}",
            OccurredAt = notification.ChangeStatusTime ?? notification.Timestamp ?? receivedAt,
            Items = string.IsNullOrWhiteSpace(notification.ProductCode) ? null : [new OrderItem { Sku = notification.ProductCode, Quantity = 1 }],
            ProviderStatus = status,
        };
        var orderId = reference.ToOrderId();

        return status switch
        {
            "executed" => new PaymentStarted { OrderId = orderId, Order = reference, Payment = payment },
            "paid" => new PaymentAuthorized { OrderId = orderId, Order = reference, Payment = payment },
            "confirmed" => new PaymentSucceeded { OrderId = orderId, Order = reference, Payment = payment },
            "cancelled" or "rejected" or "expired" => new PaymentFailed { OrderId = orderId, Order = reference, Payment = payment, Reason = status },
            "reversed" => new PaymentReversed { OrderId = orderId, Order = reference, Payment = payment },
            "refunded" => new PaymentRefunded { OrderId = orderId, Order = reference, Payment = payment, Reason = status },
            _ => null,
        };
    }
}
