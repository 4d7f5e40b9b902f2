namespace Payments.Cli.Notifications;

/// <summary>Xsolla webhook types the CLI can send (PROTOCOLS.md §2.5).</summary>
internal static class XsollaEvents
{
    public const string UserValidation = "user_validation";
    public const string Payment = "payment";
    public const string OrderPaid = "order_paid";
    public const string Refund = "refund";
    public const string PartialRefund = "partial_refund";
    public const string OrderCanceled = "order_canceled";

    public static readonly string[] All = [UserValidation, Payment, OrderPaid, Refund, PartialRefund, OrderCanceled];
}
