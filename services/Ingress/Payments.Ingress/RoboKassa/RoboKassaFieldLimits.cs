using Payments.Contracts;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// The one place RoboKassa values are held to the columns they end in (<see cref="FieldLimits"/>, README "Field
/// limits"): checked once the signature verified, before anything is published. A longer value could never be saved
/// downstream, so it gets a plain-text 400, never <c>OK{InvId}</c>.
/// </summary>
/// <remarks>
/// <c>OutSum</c> is held as received (the message and its id carry it so). RoboKassa's ResultURL names no currency;
/// <c>Fee</c>, <c>PaymentMethod</c>, <c>IncCurrLabel</c> and the other <c>Shp_</c> values are stored nowhere, so they
/// are not limited.
/// </remarks>
internal static class RoboKassaFieldLimits
{
    /// <summary>Null when every limited value fits, else the rejection naming the first that does not.</summary>
    public static WebhookRejection? Check(RoboKassaAccount account, RoboKassaSignedCall call) =>
        LimitedField.FirstTooLong(
            [
                new(RoboKassaParameters.InvId, call.InvId, FieldLimits.ProviderId),
                new(RoboKassaParameters.OutSum, call.OutSum, FieldLimits.Amount),
                new(account.UserParameter, account.UserIdOf(call.Parameters), FieldLimits.UserId),
            ]) is { } field
            ? RoboKassaRejections.ParameterTooLong(field.Name, field.Limit)
            : null;
}
