using Microsoft.AspNetCore.Http;

namespace Payments.Ingress.Webhooks;

/// <summary>
/// Why a webhook request was refused: the HTTP status, a stable reason code (metric tag, log field and
/// <c>reason</c> member of the problem body) and the texts shown to the caller. The texts never contain key
/// material or decrypted data.
/// </summary>
internal sealed record WebhookRejection(int StatusCode, string Reason, string Title, string Detail)
{
    public static WebhookRejection UnsupportedMediaType { get; } = new(
        StatusCodes.Status400BadRequest, "unsupported_media_type", "Unsupported content type", "Content-Type must be application/json.");

    public static WebhookRejection MalformedJson { get; } = new(
        StatusCodes.Status400BadRequest, "malformed_json", "Malformed JSON", "The request body is not a JSON object.");

    public static WebhookRejection BrokerUnavailable { get; } = new(
        StatusCodes.Status503ServiceUnavailable,
        "broker_unavailable",
        "Broker unavailable",
        "The notification was verified but could not be handed to the message broker. Send it again later.");

    public static WebhookRejection BodyTooLarge(int limit) => new(
        StatusCodes.Status400BadRequest, "body_too_large", "Request body too large", $"The request body must not exceed {limit} bytes.");

    public static WebhookRejection MissingField(string field, string where) => new(
        StatusCodes.Status400BadRequest, "missing_field", "Missing field", $"{where} has no usable '{field}' field.");

    /// <summary>
    /// A value longer than the column that would store it (README "Field limits"): it could never be saved, so it is
    /// refused before any success answer. The detail names the field and the limit, never the value.
    /// </summary>
    public static WebhookRejection FieldTooLong(string field, string where, int limit) => new(
        StatusCodes.Status400BadRequest, "field_too_long", "Field too long", $"{where} has a '{field}' longer than {limit} characters, more than can be stored.");

    public static WebhookRejection UnknownAccount(string provider) => new(
        StatusCodes.Status404NotFound, "unknown_account", "Unknown account", $"No {provider} account with this name is configured.");

    /// <summary>The RFC 9457 (7807) problem answer: <c>application/problem+json</c> with title, detail and reason.</summary>
    public IResult ToProblem() => TypedResults.Problem(
        detail: Detail,
        statusCode: StatusCode,
        title: Title,
        extensions: new Dictionary<string, object?> { ["reason"] = Reason });
}
