namespace Payments.Orders.Lifecycle;

/// <summary>
/// The names an order's timeline (and the API's <c>timeline[].event</c>) uses, in one place. Clients and tools read
/// them, so a name never changes once released.
/// </summary>
public static class TimelineEvents
{
    public const string OrderPlaced = "order.placed";
    public const string OrderResolved = "order.resolved";
    public const string OrderGranted = "order.granted";
    public const string OrderRevoked = "order.revoked";

    public const string PaymentStarted = "payment.started";
    public const string PaymentAuthorized = "payment.authorized";
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentReversed = "payment.reversed";
    public const string PaymentRefunded = "payment.refunded";
    public const string PaymentPartiallyRefunded = "payment.partially_refunded";

    /// <summary>The provider named another user than the one the order has.</summary>
    public const string UserConflict = "conflict.user";

    /// <summary>An unregistered order's provider events disagree about the items.</summary>
    public const string ItemsConflict = "conflict.items";

    /// <summary>Paid amount or currency differs from the registration: the grant waits for an operator.</summary>
    public const string AmountMismatch = "amount.mismatch";

    /// <summary>The provider's items differ from the registration: the grant waits for an operator.</summary>
    public const string ItemsMismatch = "items.mismatch";
}
