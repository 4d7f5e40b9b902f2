using System.Globalization;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RoboKassa;

/// <summary>The values a RoboKassa signature covers or needs, read from a call's parameters (not yet verified).</summary>
internal sealed record RoboKassaSignedCall(string OutSum, string InvId, string SignatureValue, bool IsTest, RoboKassaParameters Parameters)
{
    public static Checked<RoboKassaSignedCall> Read(RoboKassaParameters parameters)
    {
        if (parameters.Get(RoboKassaParameters.OutSum) is not { } outSum)
        {
            return RoboKassaRejections.MissingParameter(RoboKassaParameters.OutSum);
        }

        // Digits with an optional decimal point, as RoboKassa sends it (100.000000); no sign, exponent or spaces.
        if (!decimal.TryParse(outSum, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return RoboKassaRejections.BadParameter(RoboKassaParameters.OutSum);
        }

        if (parameters.Get(RoboKassaParameters.InvId) is not { } invId)
        {
            return RoboKassaRejections.MissingParameter(RoboKassaParameters.InvId);
        }

        if (parameters.Get(RoboKassaParameters.SignatureValue) is not { } signatureValue)
        {
            return RoboKassaRejections.MissingParameter(RoboKassaParameters.SignatureValue);
        }

        // Absent, empty or 0 is a real payment (docs/providers/robokassa.md#verification); only the test password can verify IsTest=1 (decision A28).
        var isTest = parameters.Get(RoboKassaParameters.IsTest) == "1";
        return new RoboKassaSignedCall(outSum, invId, signatureValue, isTest, parameters);
    }
}
