using System.Net.Http.Headers;
using System.Text;

namespace Payments.Ingress.Tests.Support;

/// <summary>Posts a body to <c>/webhooks/xsolla/{account}</c> as Xsolla would, with any Authorization value (or none).</summary>
internal static class XsollaRequests
{
    public static async Task<HttpResponseMessage> PostXsollaAsync(
        this IngressTestHost host, byte[] body, string? authorization, string account = "game1", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/xsolla/{account}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await host.Client.SendAsync(request);
    }

    /// <summary>Signs <paramref name="body"/> with the current secret and posts it.</summary>
    public static Task<HttpResponseMessage> PostSignedXsollaAsync(this IngressTestHost host, byte[] body, string account = "game1") =>
        host.PostXsollaAsync(body, XsollaSigner.Authorization(body), account);

    public static Task<HttpResponseMessage> PostSignedXsollaAsync(this IngressTestHost host, string body, string account = "game1") =>
        host.PostSignedXsollaAsync(Encoding.UTF8.GetBytes(body), account);
}
