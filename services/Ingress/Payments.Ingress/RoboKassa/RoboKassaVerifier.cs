using Payments.Contracts;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// Picks the password and checks the signature. <c>IsTest</c> is not signed, so it only chooses which password must
/// verify: a test payment passes only with a test password and is sandbox, a real one only with a live password
/// (docs/providers/robokassa.md, decision A28), and removing or adding <c>IsTest</c> makes a signature fail instead of switching environments.
/// </summary>
internal static class RoboKassaVerifier
{
    public static Checked<RoboKassaVerifiedCall> Verify(RoboKassaAccount account, RoboKassaParameters parameters, RoboKassaPassword kind)
    {
        var read = RoboKassaSignedCall.Read(parameters);
        if (!read.IsOk)
        {
            return read.Rejection;
        }

        var call = read.Value;
        if (account.Password(kind, call.IsTest) is not { } password)
        {
            return call.IsTest ? RoboKassaRejections.NoTestPassword : RoboKassaRejections.NoLivePassword;
        }

        var order = RoboKassaSignature.Verify(account.Algorithm, call.SignatureValue, call.OutSum, call.InvId, password, parameters.Shp);
        if (order is null)
        {
            return RoboKassaRejections.BadSignature;
        }

        return new RoboKassaVerifiedCall(call, call.IsTest ? PaymentEnvironments.Sandbox : PaymentEnvironments.Production, order.Value);
    }
}
