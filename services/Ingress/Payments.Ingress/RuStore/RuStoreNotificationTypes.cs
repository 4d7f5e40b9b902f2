namespace Payments.Ingress.RuStore;

/// <summary>The <c>notification_type</c> values this service accepts (docs/providers/rustore.md#request-format).</summary>
internal static class RuStoreNotificationTypes
{
    public const string InvoiceStatus = "INVOICE_STATUS";
    public const string InvoiceStatusSandbox = "INVOICE_STATUS_SANDBOX";
    public const string TestEvent = "TEST_EVENT";
    public const string TestEventSandbox = "TEST_EVENT_SANDBOX";

    /// <summary>Case-insensitive: the payload is authenticated, and refusing it would only make RuStore retry for 36 hours.</summary>
    public static bool TryResolve(string type, out string normalized, out RuStoreNotificationKind kind, out bool sandbox)
    {
        normalized = type.ToUpperInvariant();
        (var known, kind, sandbox) = normalized switch
        {
            InvoiceStatus => (true, RuStoreNotificationKind.InvoiceStatus, false),
            InvoiceStatusSandbox => (true, RuStoreNotificationKind.InvoiceStatus, true),
            TestEvent => (true, RuStoreNotificationKind.TestEvent, false),
            TestEventSandbox => (true, RuStoreNotificationKind.TestEvent, true),
            _ => (false, default, false),
        };
        return known;
    }
}
