using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Archive.Capture;

/// <summary>
/// Every provider message Ingress publishes, with the keys it is found by. The order key is the one the
/// Normalizer routes the message to (its mappers, one per provider), so <c>?order=</c> takes the same
/// <c>providerOrderId</c> as <c>GET /orders/…</c>; a test in Payments.Archive.Tests holds the two together.
/// </summary>
public static class ArchivedMessageTypes
{
    public static IReadOnlyList<ArchivedMessageType> All { get; } =
    [
        // RuStore: the developer's order_id, else invoice_id (RuStoreInvoiceStatusMapper).
        ArchivedMessageType.For<RuStoreInvoiceStatusReceived>(m =>
            new(m.Provider, m.Account, m.Environment, string.IsNullOrWhiteSpace(m.OrderId) ? m.InvoiceId : m.OrderId, m.InvoiceId)),
        ArchivedMessageType.For<RuStoreTestEventReceived>(m => new(m.Provider, m.Account, m.Environment, null, null)),

        // Xsolla: the invoice, i.e. transaction.id; order webhooks carry it as billing.transaction.id or order.invoice_id
        // (XsollaOrder.OrderKey, which the Normalizer routes by; a webhook naming neither invoice nor order is still
        // archived, without a key).
        ArchivedMessageType.For<XsollaPaymentReceived>(m => new(m.Provider, m.Account, m.Environment, m.Transaction.Id, m.Transaction.Id)),
        ArchivedMessageType.For<XsollaRefundReceived>(m => new(m.Provider, m.Account, m.Environment, m.Transaction.Id, m.Transaction.Id)),
        ArchivedMessageType.For<XsollaPartialRefundReceived>(m => new(m.Provider, m.Account, m.Environment, m.Transaction.Id, m.Transaction.Id)),
        ArchivedMessageType.For<XsollaOrderPaidReceived>(m =>
            new(m.Provider, m.Account, m.Environment, m.Order.FindOrderKey(), m.Order.Invoice())),
        ArchivedMessageType.For<XsollaOrderCanceledReceived>(m =>
            new(m.Provider, m.Account, m.Environment, m.Order.FindOrderKey(), m.Order.Invoice())),

        // RoboKassa: the shop's InvId.
        ArchivedMessageType.For<RoboKassaResultReceived>(m => new(m.Provider, m.Account, m.Environment, m.InvId, m.InvId)),
    ];

    private static readonly Dictionary<string, ArchivedMessageType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly Dictionary<Type, ArchivedMessageType> ByType = All.ToDictionary(t => t.Type);

    public static ArchivedMessageType Of<TMessage>() => ByType[typeof(TMessage)];

    public static ArchivedMessageType? Find(string name) => ByName.GetValueOrDefault(name);
}
