using Payments.Contracts;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Archive.Tests.Support;

/// <summary>One provider message of each kind Ingress publishes, filled as Ingress fills them.</summary>
internal static class ProviderMessages
{
    public static RuStoreInvoiceStatusReceived RuStore(string order, string status = "confirmed", string account = "game", string environment = "production") => new()
    {
        Account = account,
        Environment = environment,
        NotificationId = $"n-{order}-{status}",
        Timestamp = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(3)),
        AppId = 12345,
        InvoiceId = $"inv-{order}",
        OrderId = order,
        PurchaseId = $"pur-{order}",
        PurchaseToken = "token",
        ProductCode = "sword",
        StatusNew = status,
        StatusOld = "executed",
        ChangeStatusTime = new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.Zero),
        RawPayload = $$"""{"app_id":12345,"notification_type":"INVOICE_STATUS","data":"{\"order_id\":\"{{order}}\",\"status_new\":\"{{status}}\"}"}""",
    };

    public static RuStoreTestEventReceived RuStoreTest() => new()
    {
        Account = "game",
        Environment = "sandbox",
        NotificationId = "test-1",
        RawPayload = """{"app_id":12345,"notification_type":"TEST_EVENT_SANDBOX","data":"{\"test\":\"TEST\"}"}""",
    };

    public static XsollaPaymentReceived XsollaPayment(string transaction) => new()
    {
        Account = "game",
        Environment = "production",
        Transaction = new XsollaTransaction
        {
            Id = transaction, UserId = "player-1", Items = [new OrderItem { Sku = "gem", Quantity = 5 }], Amount = "9.99", Currency = "USD",
        },
        RawBody = $$$"""{"notification_type":"payment","transaction":{"id":{{{transaction}}}}}""",
    };

    public static XsollaRefundReceived XsollaRefund(string transaction) => new()
    {
        Account = "game",
        Environment = "production",
        Transaction = new XsollaTransaction { Id = transaction, Items = [], RefundCode = 2 },
        RawBody = $$$"""{"notification_type":"refund","transaction":{"id":{{{transaction}}}}}""",
    };

    public static XsollaPartialRefundReceived XsollaPartialRefund(string transaction) => new()
    {
        Account = "game",
        Environment = "production",
        Transaction = new XsollaTransaction { Id = transaction, Items = [] },
        RawBody = $$$"""{"notification_type":"partial_refund","transaction":{"id":{{{transaction}}}}}""",
    };

    public static XsollaOrderPaidReceived XsollaOrderPaid(string? invoice, string? billingTransaction = null, string orderId = "77") => new()
    {
        Account = "game",
        Environment = "production",
        Order = new XsollaOrder
        {
            WebhookMode = billingTransaction is null ? "separate" : "combined",
            Id = orderId,
            InvoiceId = invoice,
            BillingTransactionId = billingTransaction,
            UserId = "player-1",
            Items = [new OrderItem { Sku = "gem", Quantity = 5 }],
        },
        RawBody = """{"notification_type":"order_paid"}""",
    };

    public static XsollaOrderCanceledReceived XsollaOrderCanceled(string? invoice) => new()
    {
        Account = "game",
        Environment = "production",
        Order = new XsollaOrder { WebhookMode = "separate", Id = "78", InvoiceId = invoice, Items = [] },
        RawBody = """{"notification_type":"order_canceled"}""",
    };

    public static RoboKassaResultReceived RoboKassa(string invId) => new()
    {
        Account = "game",
        Environment = "production",
        InvId = invId,
        OutSum = "100.000000",
        IsTest = false,
        ShpParameters = new Dictionary<string, string> { ["Shp_user"] = "Иван" },
        UserId = "Иван",
        RawParameters = new Dictionary<string, string> { ["OutSum"] = "100.000000", ["InvId"] = invId, ["Shp_user"] = "Иван", ["SignatureValue"] = "ABC" },
    };
}
