using Microsoft.AspNetCore.Http;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RuStore;

/// <summary>RuStore's refusals. RuStore resends after any 4xx or 5xx (docs/providers/rustore.md#answers), so each says what is wrong.</summary>
internal static class RuStoreRejections
{
    public static WebhookRejection UnknownAccount { get; } = WebhookRejection.UnknownAccount("RuStore");

    public static WebhookRejection BadBase64 { get; } = BadRequest(
        "bad_base64", "Malformed payload", "The 'payload' field is not Base64.");

    public static WebhookRejection PayloadTooShort { get; } = BadRequest(
        "payload_too_short", "Malformed payload", "The decoded 'payload' is too short to hold a 12-byte IV, a ciphertext and a 16-byte tag.");

    public static WebhookRejection DecryptionFailed { get; } = BadRequest(
        "decryption_failed", "Payload not verified", "The payload did not decrypt with any key configured for this account.");

    public static WebhookRejection MalformedPayload { get; } = BadRequest(
        "malformed_payload", "Malformed notification", "The decrypted payload is not a UTF-8 JSON object.");

    public static WebhookRejection MalformedData { get; } = BadRequest(
        "malformed_data", "Malformed notification", "The decrypted payload's 'data' is neither a JSON object nor a string holding one.");

    public static WebhookRejection UnknownType { get; } = BadRequest(
        "unknown_notification_type",
        "Unsupported notification type",
        "The decrypted notification_type is not INVOICE_STATUS, INVOICE_STATUS_SANDBOX, TEST_EVENT or TEST_EVENT_SANDBOX.");

    public static WebhookRejection SandboxKeyForProductionType { get; } = BadRequest(
        "sandbox_key_for_production_type",
        "Sandbox notification with a production type",
        "The payload decrypted only with a sandbox key, so its notification_type must be a *_SANDBOX type.");

    public static WebhookRejection For(RuStoreDecryptionFailure failure) => failure switch
    {
        RuStoreDecryptionFailure.BadBase64 => BadBase64,
        RuStoreDecryptionFailure.TooShort => PayloadTooShort,
        _ => DecryptionFailed,
    };

    private static WebhookRejection BadRequest(string reason, string title, string detail) =>
        new(StatusCodes.Status400BadRequest, reason, title, detail);
}
