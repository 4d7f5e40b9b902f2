using Microsoft.AspNetCore.Http;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Xsolla's refusals. A 4xx is final for Xsolla (a 400 on <c>payment</c> charges the user without delivery, docs/providers/xsolla.md, decision A13), so
/// 4xx is kept for what a resend cannot fix: a bad signature, bad data, an unknown user. Whatever may pass is 503.
/// </summary>
internal static class XsollaRejections
{
    public static WebhookRejection UnknownAccount { get; } = WebhookRejection.UnknownAccount("Xsolla");

    public static WebhookRejection MissingSignature { get; } = BadRequest(
        "missing_signature", "Missing signature", "The request has no 'Authorization: Signature <hex>' header.");

    public static WebhookRejection MalformedSignature { get; } = BadRequest(
        "malformed_signature", "Malformed signature", "The Authorization header is not 'Signature' followed by 40 hexadecimal characters.");

    public static WebhookRejection InvalidSignature { get; } = BadRequest(
        "invalid_signature", "Invalid signature", "The signature does not match the body with any secret key configured for this account.");

    public static WebhookRejection UnknownType { get; } = BadRequest(
        "unknown_notification_type",
        "Unsupported notification type",
        "The notification_type is not user_validation, payment, order_paid, refund, partial_refund or order_canceled.");

    /// <summary>Xsolla's documented answer for an unknown user: exactly <c>INVALID_USER</c> / "Invalid user" (docs/providers/xsolla.md#answers).</summary>
    public static WebhookRejection InvalidUser { get; } = BadRequest("invalid_user", "Invalid user", "Invalid user");

    /// <summary>
    /// Entitlements did not answer in time. Xsolla does not resend user_validation (docs/providers/xsolla.md#retries): the buyer sees an
    /// error and may try again, which is better than calling a user we could not check unknown.
    /// </summary>
    public static WebhookRejection UserValidationUnavailable { get; } = new(
        StatusCodes.Status503ServiceUnavailable,
        "user_validation_unavailable",
        "User validation unavailable",
        "The user could not be checked right now. Try again later.");

    /// <summary>The Xsolla error code for a rejection, shared or Xsolla's own.</summary>
    public static string CodeFor(WebhookRejection rejection) => rejection.Reason switch
    {
        "missing_signature" or "malformed_signature" or "invalid_signature" => XsollaErrorCodes.InvalidSignature,
        "invalid_user" => XsollaErrorCodes.InvalidUser,
        _ when rejection.StatusCode >= StatusCodes.Status500InternalServerError => XsollaErrorCodes.ServerError,

        // Content type, size, JSON, missing or too long fields, unknown type, and the account named in the URL.
        _ => XsollaErrorCodes.InvalidParameter,
    };

    private static WebhookRejection BadRequest(string reason, string title, string detail) =>
        new(StatusCodes.Status400BadRequest, reason, title, detail);
}
