namespace Payments.Ingress.Xsolla;

/// <summary>
/// The <c>notification_type</c> values this service handles (docs/providers/xsolla.md#request-format). Any other type Xsolla knows
/// (user_search, subscriptions, …) is refused with 400 INVALID_PARAMETER: it is a project setting we do not serve,
/// and no resend would change the answer.
/// </summary>
internal static class XsollaNotificationTypes
{
    public const string UserValidation = "user_validation";
    public const string Payment = "payment";
    public const string Refund = "refund";
    public const string PartialRefund = "partial_refund";
    public const string OrderPaid = "order_paid";
    public const string OrderCanceled = "order_canceled";

    /// <summary>Case-insensitive, like RuStore's: the body is signed, so a case difference is not a forgery.</summary>
    public static bool TryResolve(string type, out string normalized, out XsollaNotificationKind kind)
    {
        normalized = type.Trim().ToLowerInvariant();
        (var known, kind) = normalized switch
        {
            UserValidation => (true, XsollaNotificationKind.UserValidation),
            Payment => (true, XsollaNotificationKind.Payment),
            Refund => (true, XsollaNotificationKind.Refund),
            PartialRefund => (true, XsollaNotificationKind.PartialRefund),
            OrderPaid => (true, XsollaNotificationKind.OrderPaid),
            OrderCanceled => (true, XsollaNotificationKind.OrderCanceled),
            _ => (false, default),
        };
        return known;
    }
}
