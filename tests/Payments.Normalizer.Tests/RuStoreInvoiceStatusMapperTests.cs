using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.RuStore;
using Payments.Normalizer.RuStore;

namespace Payments.Normalizer.Tests;

public class RuStoreInvoiceStatusMapperTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static RuStoreInvoiceStatusReceived Notification(string status, string? orderId = "order-7") => new()
    {
        Account = "game",
        Environment = PaymentEnvironments.Production,
        NotificationId = "n1",
        InvoiceId = "inv-9",
        OrderId = orderId,
        ProductCode = "sword",
        StatusNew = status,
        ChangeStatusTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        RawPayload = "{}",
    };

    [Theory]
    [InlineData("executed", typeof(PaymentStarted))]
    [InlineData("paid", typeof(PaymentAuthorized))]
    [InlineData("confirmed", typeof(PaymentSucceeded))]
    [InlineData("cancelled", typeof(PaymentFailed))]
    [InlineData("rejected", typeof(PaymentFailed))]
    [InlineData("expired", typeof(PaymentFailed))]
    [InlineData("reversed", typeof(PaymentReversed))]
    [InlineData("refunded", typeof(PaymentRefunded))]
    public void Each_status_becomes_its_domain_event(string status, Type expected)
    {
        Assert.IsType(expected, RuStoreInvoiceStatusMapper.Map(Notification(status), Received));
    }

    [Theory]
    [InlineData("created")]
    [InlineData("something_new")]
    public void A_status_that_changes_nothing_maps_to_no_event(string status)
    {
        Assert.Null(RuStoreInvoiceStatusMapper.Map(Notification(status), Received));
    }

    [Fact]
    public void A_confirmed_payment_names_the_developer_order_and_the_product()
    {
        var succeeded = Assert.IsType<PaymentSucceeded>(RuStoreInvoiceStatusMapper.Map(Notification("confirmed"), Received));

        var expectedOrder = new OrderReference { Provider = "rustore", Account = "game", Environment = "production", ProviderOrderId = "order-7" };
        Assert.Equal(expectedOrder, succeeded.Order);
        Assert.Equal(expectedOrder.ToOrderId(), succeeded.OrderId);
        Assert.Equal("rustore:inv-9:confirmed", succeeded.Payment.SourceEventId);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), succeeded.Payment.OccurredAt);
        Assert.Equal([new OrderItem { Sku = "sword", Quantity = 1 }], succeeded.Payment.Items!);
        Assert.Null(succeeded.Payment.UserId);
    }

    [Fact]
    public void Every_status_of_one_purchase_reaches_the_same_order()
    {
        var ids = new[] { "executed", "paid", "confirmed", "refunded" }
            .Select(s => RuStoreInvoiceStatusMapper.Map(Notification(s), Received) switch
            {
                PaymentStarted e => e.OrderId,
                PaymentAuthorized e => e.OrderId,
                PaymentSucceeded e => e.OrderId,
                PaymentRefunded e => e.OrderId,
                var other => throw new InvalidOperationException($"unexpected {other}"),
            })
            .Distinct();

        Assert.Single(ids);
    }

    [Fact]
    public void Without_an_order_id_the_invoice_identifies_the_order()
    {
        var started = Assert.IsType<PaymentStarted>(RuStoreInvoiceStatusMapper.Map(Notification("executed", orderId: null), Received));
        Assert.Equal("inv-9", started.Order.ProviderOrderId);
    }
}
