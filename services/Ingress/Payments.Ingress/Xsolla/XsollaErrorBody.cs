using Microsoft.AspNetCore.Http;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Xsolla's error answer, <c>{"error":{"code":"INVALID_SIGNATURE","message":"…"}}</c> as <c>application/json</c>
/// (docs/providers/xsolla.md#answers), used instead of the problem body of the other providers. The message never contains secrets
/// or request data.
/// </summary>
internal sealed record XsollaErrorBody(XsollaError Error)
{
    public static IResult For(WebhookRejection rejection) =>
        TypedResults.Json(new XsollaErrorBody(new XsollaError(XsollaRejections.CodeFor(rejection), rejection.Detail)), statusCode: rejection.StatusCode);
}
