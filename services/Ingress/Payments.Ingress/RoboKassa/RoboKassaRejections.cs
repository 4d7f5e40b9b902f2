using Microsoft.AspNetCore.Http;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// RoboKassa's refusals. RoboKassa reads only whether the body is <c>OK{InvId}</c> (docs/providers/robokassa.md#answers), so each answer is
/// a short plain text (<see cref="WebhookRejection.Detail"/>) that never starts with "OK" and never holds a password.
/// </summary>
internal static class RoboKassaRejections
{
    public static WebhookRejection UnknownAccount { get; } = new(
        StatusCodes.Status404NotFound, "unknown_account", "Unknown account", "unknown account");

    public static WebhookRejection UnsupportedMediaType { get; } = BadRequest(
        "unsupported_media_type", "Unsupported content type", "content type must be application/x-www-form-urlencoded");

    public static WebhookRejection BodyTooLarge { get; } = BadRequest(
        "body_too_large", "Request body too large", $"request body larger than {RoboKassaRequestReader.Limit} bytes");

    public static WebhookRejection MalformedForm { get; } = BadRequest(
        "malformed_form", "Malformed form", "malformed form body");

    public static WebhookRejection BadSignature { get; } = BadRequest(
        "bad_signature", "Signature not verified", "bad signature");

    public static WebhookRejection NoLivePassword { get; } = BadRequest(
        "no_live_password", "Live payments not configured", "live payments are not configured for this account");

    public static WebhookRejection NoTestPassword { get; } = BadRequest(
        "no_test_password", "Test payments not configured", "test payments are not configured for this account");

    public static WebhookRejection MissingParameter(string name) => BadRequest(
        "missing_parameter", "Missing parameter", $"missing parameter {name}");

    public static WebhookRejection BadParameter(string name) => BadRequest(
        "bad_parameter", "Bad parameter", $"bad parameter {name}");

    /// <summary>A value longer than the column that would store it (README "Field limits"); the reason is the other providers' one.</summary>
    public static WebhookRejection ParameterTooLong(string name, int limit) => BadRequest(
        "field_too_long", "Parameter too long", $"parameter {name} longer than {limit} characters");

    public static WebhookRejection DuplicateParameter(string name) => BadRequest(
        "duplicate_parameter", "Duplicate parameter", $"duplicate parameter {name}");

    /// <summary>The answer RoboKassa sees: the status and the plain-text detail.</summary>
    public static IResult ToText(this WebhookRejection rejection) => RoboKassaAnswers.Text(rejection.Detail, rejection.StatusCode);

    private static WebhookRejection BadRequest(string reason, string title, string detail) =>
        new(StatusCodes.Status400BadRequest, reason, title, detail);
}
