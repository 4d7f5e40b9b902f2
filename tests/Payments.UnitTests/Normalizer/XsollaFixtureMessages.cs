using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.UnitTests.Normalizer;

/// <summary>
/// Provider messages carrying the values of the Xsolla SDK fixtures (docs/providers/xsolla.md#sdk-fixtures) as Ingress
/// publishes them. The SDK fixtures come from separate tests: payment.json is a dry run and order_paid.json is not,
/// so they are given one environment here to stand for the webhooks of one purchase.
/// </summary>
internal static class XsollaFixtureMessages
{
    public const string Account = "game1";
    public const string PurchaseEnvironment = PaymentEnvironments.Sandbox;

    public static readonly DateTimeOffset PaymentDate = new(2014, 9, 24, 20, 38, 16, TimeSpan.FromHours(4));

    private static readonly OrderItem[] PurchaseItems = [new() { Sku = "test_item1", Quantity = 1 }];

    private static readonly OrderItem[] OrderItems =
    [
        new() { Sku = "virtual-good-item_test", Quantity = 3 },
        new() { Sku = "virtual-good-item_test_bundle", Quantity = 1 },
        new() { Sku = "gold", Quantity = 1500 },
    ];

    public static XsollaPaymentReceived Payment() => new()
    {
        Account = Account, Environment = PurchaseEnvironment, TransactionId = "1", ExternalId = "1", PaymentDate = PaymentDate,
        UserId = "1234567", Items = PurchaseItems, Amount = "200", Currency = "USD", RawBody = "{}",
    };

    public static XsollaRefundReceived Refund() => new()
    {
        Account = Account, Environment = PurchaseEnvironment, TransactionId = "1", ExternalId = "1", UserId = "1234567",
        Items = PurchaseItems, Amount = "200", Currency = "USD", RefundCode = 1, RefundReason = "Fraud", RawBody = "{}",
    };

    public static XsollaPartialRefundReceived PartialRefund() => new()
    {
        Account = Account, Environment = PurchaseEnvironment, TransactionId = "1", ExternalId = "1", UserId = "1234567",
        Items = PurchaseItems, Amount = "200", Currency = "USD", RefundCode = 1, RefundReason = "Fraud", RawBody = "{}",
    };

    public static XsollaOrderPaidReceived OrderPaid() => new()
    {
        Account = Account, Environment = PurchaseEnvironment, WebhookMode = "separate", OrderId = "1", InvoiceId = "1", OrderMode = "default",
        OrderStatus = "paid", UserId = "id_xsolla_login_1", Items = OrderItems, Amount = "2000", Currency = "sku_currency",
        CurrencyType = "virtual", RawBody = "{}",
    };

    public static XsollaOrderCanceledReceived OrderCanceled() => new()
    {
        Account = Account, Environment = PurchaseEnvironment, WebhookMode = "separate", OrderId = "1", InvoiceId = "1", OrderMode = "default",
        OrderStatus = "paid", UserId = "id_xsolla_login_1", Items = OrderItems, Amount = "2000", Currency = "sku_currency",
        CurrencyType = "virtual", RawBody = "{}",
    };
}
