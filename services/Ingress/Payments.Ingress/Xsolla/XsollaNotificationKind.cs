namespace Payments.Ingress.Xsolla;

internal enum XsollaNotificationKind
{
    UserValidation,
    Payment,
    Refund,
    PartialRefund,
    OrderPaid,
    OrderCanceled,
}
