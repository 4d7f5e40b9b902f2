using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Testing;

/// <summary>
/// Provider messages carrying the values of the Xsolla SDK fixtures (docs/providers/xsolla.md#sdk-fixtures) as Ingress
/// publishes them. The SDK fixtures come from separate tests: payment.json is a dry run and order_paid.json is not,
/// so they are given one environment here to stand for the webhooks of one purchase.
/// </summary>
public static class XsollaFixtureMessages
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

    /// <summary>The transaction of payment.json (refund.json adds its refund details).</summary>
    public static readonly XsollaTransaction Transaction = new()
    {
        Id = "1", ExternalId = "1", PaymentDate = PaymentDate, UserId = "1234567", Items = PurchaseItems, Amount = "200", Currency = "USD",
    };

    /// <summary>The order of order_paid.json, separate mode.</summary>
    public static readonly XsollaOrder Order = new()
    {
        WebhookMode = "separate", Id = "1", InvoiceId = "1", Mode = "default", Status = "paid", UserId = "id_xsolla_login_1", Items = OrderItems,
        Amount = "2000", Currency = "sku_currency", CurrencyType = "virtual",
    };

    private static readonly XsollaTransaction Refunded = Transaction with { PaymentDate = null, RefundCode = 1, RefundReason = "Fraud" };

    public static XsollaPaymentReceived Payment(Func<XsollaTransaction, XsollaTransaction>? change = null) => new()
    {
        Account = Account, Environment = PurchaseEnvironment, Transaction = Changed(Transaction, change), RawBody = "{}",
    };

    public static XsollaRefundReceived Refund(Func<XsollaTransaction, XsollaTransaction>? change = null) => new()
    {
        Account = Account, Environment = PurchaseEnvironment, Transaction = Changed(Refunded, change), RawBody = "{}",
    };

    public static XsollaPartialRefundReceived PartialRefund() => new()
    {
        Account = Account, Environment = PurchaseEnvironment, Transaction = Refunded, RawBody = "{}",
    };

    public static XsollaOrderPaidReceived OrderPaid(Func<XsollaOrder, XsollaOrder>? change = null) => new()
    {
        Account = Account, Environment = PurchaseEnvironment, Order = Changed(Order, change), RawBody = "{}",
    };

    public static XsollaOrderCanceledReceived OrderCanceled(Func<XsollaOrder, XsollaOrder>? change = null) => new()
    {
        Account = Account, Environment = PurchaseEnvironment, Order = Changed(Order, change), RawBody = "{}",
    };

    private static T Changed<T>(T record, Func<T, T>? change) => change is null ? record : change(record);
}
