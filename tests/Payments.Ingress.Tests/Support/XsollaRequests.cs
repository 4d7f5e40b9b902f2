using System.Text;
using Payments.Simulator.Xsolla;

namespace Payments.Ingress.Tests.Support;

/// <summary>Sends a body to <c>/webhooks/xsolla/{account}</c> as the provider simulator builds it, with any Authorization value (or none).</summary>
internal static class XsollaRequests
{
    public static Task<HttpResponseMessage> PostXsollaAsync(
        this IngressTestHost host, byte[] body, string? authorization, string account = "game1", string contentType = "application/json") =>
        host.SendAsync(XsollaWebhooks.Request(account, body, authorization, contentType));

    /// <summary>Signs <paramref name="body"/> with the current secret and posts it.</summary>
    public static Task<HttpResponseMessage> PostSignedXsollaAsync(this IngressTestHost host, byte[] body, string account = "game1") =>
        host.SendAsync(XsollaWebhooks.SignedRequest(account, body, XsollaSecrets.Current));

    public static Task<HttpResponseMessage> PostSignedXsollaAsync(this IngressTestHost host, string body, string account = "game1") =>
        host.PostSignedXsollaAsync(Encoding.UTF8.GetBytes(body), account);
}
