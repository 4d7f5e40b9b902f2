using Payments.Contracts;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>
/// Decrypts, parses and decides the environment. A sandbox key may only carry <c>*_SANDBOX</c> types, so a leaked
/// sandbox key can never produce a production notification; a <c>*_SANDBOX</c> type is sandbox under any key (docs/providers/rustore.md, decision A9).
/// </summary>
internal static class RuStoreNotificationVerifier
{
    public static Checked<RuStoreVerifiedNotification> Verify(string payload, RuStoreAccountKeys keys)
    {
        var decryption = RuStorePayloadDecryptor.Decrypt(payload, keys);
        if (!decryption.Succeeded)
        {
            return RuStoreRejections.For(decryption.Failure.Value);
        }

        var parsed = RuStoreNotificationParser.Parse(decryption.Plaintext);
        if (!parsed.IsOk)
        {
            return parsed.Rejection;
        }

        var notification = parsed.Value;
        if (decryption.KeyKind == RuStoreKeyKind.Sandbox && !notification.IsSandboxType)
        {
            return RuStoreRejections.SandboxKeyForProductionType;
        }

        var environment = notification.IsSandboxType ? PaymentEnvironments.Sandbox : PaymentEnvironments.Production;
        return new RuStoreVerifiedNotification(notification, environment, decryption.KeyKind);
    }
}
