namespace Payments.Ingress.RuStore;

internal enum RuStoreNotificationKind
{
    InvoiceStatus,
    TestEvent,
}
