using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Normalizer.Xsolla;
using static Payments.Testing.XsollaFixtureMessages;

namespace Payments.Normalizer.Tests;

public class XsollaNotificationMapperTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly OrderReference Invoice1 = new() { Provider = "xsolla", Account = Account, Environment = PurchaseEnvironment, ProviderOrderId = "1" };

    [Fact]
    public void A_payment_succeeds_the_invoice_with_its_user_items_and_real_money()
    {
        var succeeded = XsollaNotificationMapper.Map(Payment(), Received);

        Assert.Equal(Invoice1, succeeded.Order);
        Assert.Equal(Invoice1.ToOrderId(), succeeded.OrderId);
        Assert.Equal("xsolla:payment:1", succeeded.Payment.SourceEventId);
        Assert.Equal(PaymentDate, succeeded.Payment.OccurredAt);
        Assert.Equal(("1234567", "200", "USD", "payment"), (succeeded.Payment.UserId, succeeded.Payment.Amount, succeeded.Payment.Currency, succeeded.Payment.ProviderStatus));
        Assert.Equal([new OrderItem { Sku = "test_item1", Quantity = 1 }], succeeded.Payment.Items!);
    }

    [Fact]
    public void An_order_paid_succeeds_the_same_invoice_with_the_external_user_and_no_virtual_amount()
    {
        var succeeded = XsollaNotificationMapper.Map(OrderPaid(), Received);

        Assert.Equal(Invoice1, succeeded.Order);
        Assert.Equal("xsolla:order_paid:1", succeeded.Payment.SourceEventId);
        Assert.Equal(Received, succeeded.Payment.OccurredAt);
        Assert.Equal("id_xsolla_login_1", succeeded.Payment.UserId);
        Assert.Equal(3, succeeded.Payment.Items!.Count);
        Assert.Null(succeeded.Payment.Amount);
        Assert.Null(succeeded.Payment.Currency);
    }

    [Fact]
    public void An_order_paid_in_real_money_keeps_its_amount()
    {
        var succeeded = XsollaNotificationMapper.Map(OrderPaid(o => o with { CurrencyType = "real", Currency = "USD", Amount = "19.99" }), Received);

        Assert.Equal(("19.99", "USD"), (succeeded.Payment.Amount, succeeded.Payment.Currency));
    }

    [Fact]
    public void A_refund_refunds_the_invoice_with_Xsollas_reason_dated_on_receipt()
    {
        var refunded = XsollaNotificationMapper.Map(Refund(), Received);

        Assert.Equal(Invoice1, refunded.Order);
        Assert.Equal("Fraud", refunded.Reason);
        Assert.Equal("xsolla:refund:1", refunded.Payment.SourceEventId);
        Assert.Equal(Received, refunded.Payment.OccurredAt);
    }

    [Fact]
    public void A_refund_without_a_reason_names_its_code()
    {
        Assert.Equal("refund code 2", XsollaNotificationMapper.Map(Refund(t => t with { RefundReason = null, RefundCode = 2 }), Received).Reason);
    }

    [Fact]
    public void An_order_canceled_refunds_the_invoice_whatever_order_status_says()
    {
        var refunded = XsollaNotificationMapper.Map(OrderCanceled(), Received);

        Assert.Equal(Invoice1, refunded.Order);
        Assert.Equal("order_canceled", refunded.Reason);
        Assert.Equal("xsolla:order_canceled:1", refunded.Payment.SourceEventId);
    }

    [Fact]
    public void A_partial_refund_is_only_a_partial_refund()
    {
        var partial = XsollaNotificationMapper.Map(PartialRefund(), Received);

        Assert.IsType<PaymentPartiallyRefunded>(partial);
        Assert.Equal(Invoice1, partial.Order);
        Assert.Equal("xsolla:partial_refund:1", partial.Payment.SourceEventId);
    }

    [Fact]
    public void Payment_and_order_paid_of_one_purchase_reach_the_same_order_as_different_events()
    {
        var payment = XsollaNotificationMapper.Map(Payment(), Received);
        var orderPaid = XsollaNotificationMapper.Map(OrderPaid(), Received);

        Assert.Equal(payment.OrderId, orderPaid.OrderId);
        Assert.NotEqual(payment.Payment.SourceEventId, orderPaid.Payment.SourceEventId);
    }

    [Fact]
    public void Refund_and_order_canceled_reach_the_order_of_the_payment()
    {
        var paid = XsollaNotificationMapper.Map(Payment(), Received).OrderId;

        Assert.Equal(paid, XsollaNotificationMapper.Map(Refund(), Received).OrderId);
        Assert.Equal(paid, XsollaNotificationMapper.Map(OrderCanceled(), Received).OrderId);
        Assert.Equal(paid, XsollaNotificationMapper.Map(PartialRefund(), Received).OrderId);
    }

    [Fact]
    public void Combined_mode_reaches_the_same_order_as_separate_mode()
    {
        var separate = XsollaNotificationMapper.Map(OrderPaid(), Received);
        var combined = XsollaNotificationMapper.Map(OrderPaid(o => o with { WebhookMode = "combined", BillingTransactionId = "1", BillingPaymentDate = PaymentDate }), Received);
        var combinedWithoutInvoice = XsollaNotificationMapper.Map(OrderPaid(o => o with { WebhookMode = "combined", BillingTransactionId = "1", InvoiceId = null }), Received);
        var canceled = XsollaNotificationMapper.Map(OrderCanceled(o => o with { WebhookMode = "combined", BillingTransactionId = "1" }), Received);

        Assert.Equal(separate.OrderId, combined.OrderId);
        Assert.Equal(separate.OrderId, combinedWithoutInvoice.OrderId);
        Assert.Equal(separate.OrderId, canceled.OrderId);
        Assert.Equal(XsollaNotificationMapper.Map(Payment(), Received).OrderId, combinedWithoutInvoice.OrderId);
        Assert.Equal(PaymentDate, combined.Payment.OccurredAt);
    }

    [Fact]
    public void An_order_webhook_without_an_invoice_falls_back_to_its_prefixed_order_id()
    {
        var succeeded = XsollaNotificationMapper.Map(OrderPaid(o => o with { InvoiceId = null }), Received);

        Assert.Equal("order-1", succeeded.Order.ProviderOrderId);
        Assert.NotEqual(XsollaNotificationMapper.Map(Payment(), Received).OrderId, succeeded.OrderId);
    }

    [Fact]
    public void The_sandbox_and_the_production_purchase_with_one_invoice_id_are_different_orders()
    {
        var sandbox = XsollaNotificationMapper.Map(Payment(), Received);
        var production = XsollaNotificationMapper.Map(Payment() with { Environment = PaymentEnvironments.Production }, Received);

        Assert.NotEqual(sandbox.OrderId, production.OrderId);
    }

    [Fact]
    public void A_purchase_without_items_leaves_them_unknown()
    {
        Assert.Null(XsollaNotificationMapper.Map(Payment(t => t with { Items = [] }), Received).Payment.Items);
    }
}

public sealed class XsollaOrderKeyLimitTests
{
    [Fact]
    public void An_order_key_made_from_a_long_order_id_still_fits_the_order_column()
    {
        var longest = new string('7', FieldLimits.ProviderId);
        var key = KeyOf(longest);

        Assert.True(key.Length <= FieldLimits.ProviderId, $"{key.Length} characters");
        Assert.StartsWith("order-sha256-", key, StringComparison.Ordinal);
        Assert.Equal(key, KeyOf(longest));
        Assert.NotEqual(key, KeyOf(longest[1..] + "8"));
        Assert.Equal("order-42", KeyOf("42"));
        Assert.Equal(key, XsollaNotificationMapper.Map(OrderPaid(o => o with { Id = longest, InvoiceId = null }), DateTimeOffset.UnixEpoch).Order.ProviderOrderId);
    }

    [Fact]
    public void The_order_key_is_the_billing_transaction_then_the_invoice_then_the_order()
    {
        Assert.Equal("b", (Order with { BillingTransactionId = "b", InvoiceId = "i", Id = "o" }).OrderKey());
        Assert.Equal("i", (Order with { BillingTransactionId = null, InvoiceId = "i", Id = "o" }).OrderKey());
        Assert.Equal("order-o", (Order with { BillingTransactionId = null, InvoiceId = null, Id = "o" }).OrderKey());
        Assert.Throws<InvalidOperationException>(() => (Order with { BillingTransactionId = null, InvoiceId = null, Id = null }).OrderKey());
    }

    private static string KeyOf(string orderId) => (Order with { BillingTransactionId = null, InvoiceId = null, Id = orderId }).OrderKey();
}
