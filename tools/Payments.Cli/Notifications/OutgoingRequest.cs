using System.Net.Http.Headers;
using System.Text;

namespace Payments.Cli.Notifications;

/// <summary>
/// One HTTP request exactly as a provider sends it: method, path and query, body bytes (signed or encrypted as
/// they are), content type and extra headers. Immutable, so a scenario can send the same request again.
/// </summary>
internal sealed record OutgoingRequest(HttpMethod Method, string PathAndQuery, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static OutgoingRequest Json(string path, string body, params KeyValuePair<string, string>[] headers) =>
        new(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), "application/json", headers);

    /// <summary>The body as text, as it goes on the wire.</summary>
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);

    /// <summary>A fresh message (an <see cref="HttpRequestMessage"/> can be sent once).</summary>
    public HttpRequestMessage ToHttpRequest(Uri baseAddress)
    {
        var request = new HttpRequestMessage(Method, new Uri(baseAddress, PathAndQuery));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
