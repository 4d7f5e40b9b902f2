using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// The pages a buyer's browser lands on after paying. They only inform: the items are granted by the ResultURL
/// notification, never by this redirect, which a buyer can replay or forge (docs/providers/robokassa.md#retries). Nothing from the
/// request is echoed into the HTML.
/// </summary>
internal static class RoboKassaSuccessPage
{
    public const string ReceivedText = "Payment received, your items will arrive shortly.";

    public const string NotConfirmedText = "We could not confirm this payment.";

    public static IResult Received() => Page(StatusCodes.Status200OK, "Payment received", ReceivedText);

    public static IResult NotConfirmed(int statusCode) => Page(
        statusCode, "Payment not confirmed", NotConfirmedText + " If you completed a payment, your items will arrive once the shop is notified of it.");

    private static ContentHttpResult Page(int statusCode, string title, string text) => TypedResults.Text(
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
        <body><main><h1>{title}</h1><p>{text}</p></main></body>
        </html>
        """,
        "text/html",
        Encoding.UTF8,
        statusCode);
}
