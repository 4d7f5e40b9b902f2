using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payments.Ingress.RoboKassa;

/// <summary>Plain-text answers to RoboKassa: success is exactly <c>OK{InvId}</c>, nothing around it (docs/providers/robokassa.md, decision A31).</summary>
internal static class RoboKassaAnswers
{
    /// <summary><paramref name="invId"/> is echoed exactly as received.</summary>
    public static IResult Ok(string invId) => Text("OK" + invId, StatusCodes.Status200OK);

    public static IResult Text(string text, int statusCode) => TypedResults.Text(text, "text/plain", Encoding.UTF8, statusCode);
}
