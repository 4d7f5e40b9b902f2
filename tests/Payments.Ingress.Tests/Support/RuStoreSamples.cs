using Payments.Simulator.RuStore;

namespace Payments.Ingress.Tests.Support;

/// <summary>The test account's sample RuStore payloads, built by the provider simulator (app 777, order-1, inv-1).</summary>
internal static class RuStoreSamples
{
    public const long AppId = 777;

    public static readonly RuStoreInvoiceStatus Data = new()
    {
        ChangeStatusTime = "2025-11-18T10:38:58.619Z",
        ProductCode = "gems_100",
        StatusNew = "confirmed",
        StatusOld = "paid",
        PurchaseToken = "token-1",
        InvoiceId = "inv-1",
        OrderId = "order-1",
        PurchaseId = "purchase-1",
        AppId = AppId,
    };

    /// <summary>A decrypted INVOICE_STATUS payload, <c>data</c> a JSON string unless <paramref name="dataAsObject"/>.</summary>
    public static string InvoiceStatusPlaintext(
        string type = RuStoreNotifications.InvoiceStatusType, string status = "confirmed", string invoiceId = "inv-1", string orderId = "order-1", bool dataAsObject = false) =>
        RuStoreNotifications.InvoiceStatusPlaintext(Data with { StatusNew = status, InvoiceId = invoiceId, OrderId = orderId }, notificationType: type, dataAsObject: dataAsObject);

    public static string TestEventPlaintext(string type = RuStoreNotifications.TestEventType) =>
        RuStoreNotifications.TestEventPlaintext(appId: AppId, notificationType: type);
}
