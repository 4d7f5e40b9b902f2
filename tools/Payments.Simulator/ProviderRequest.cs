using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Payments.Simulator;

/// <summary>
/// One HTTP request exactly as a provider (or the game backend) sends it: method, path with query, body bytes as they
/// go on the wire, content type, extra headers, and the answer the sender counts as success. Immutable, so the same
/// request can be sent any number of times; <c>with</c> gives a deliberately altered copy for a negative test.
/// </summary>
public sealed record ProviderRequest(
    HttpMethod Method, string PathAndQuery, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, ExpectedAnswer Answer)
{
    /// <summary>The body as UTF-8 text (for diagnostics and printing).</summary>
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);

    /// <summary>The value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>A copy with header <paramref name="name"/> set to <paramref name="value"/>, or removed when it is null.</summary>
    public ProviderRequest WithHeader(string name, string? value) => this with
    {
        Headers = [.. Headers.Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)), .. value is null ? [] : new[] { KeyValuePair.Create(name, value) }],
    };

    /// <summary>A fresh message for <paramref name="baseAddress"/> (an <see cref="HttpRequestMessage"/> can be sent once).</summary>
    public HttpRequestMessage ToHttpRequest(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
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

    /// <summary>A fresh message with a relative URI, for a client that has a base address (e.g. an in-process test server's).</summary>
    public HttpRequestMessage ToHttpRequest()
    {
        var request = ToHttpRequest(new Uri("http://relative/"));
        request.RequestUri = new Uri(PathAndQuery, UriKind.Relative);
        return request;
    }

    /// <summary>A JSON <c>POST</c>.</summary>
    public static ProviderRequest Json(string path, byte[] body, ExpectedAnswer answer, params KeyValuePair<string, string>[] headers) =>
        new(HttpMethod.Post, path, body, "application/json", headers, answer);
}

/// <summary>The answer a sender counts as success: the status code and, when it matters, the exact body.</summary>
public sealed record ExpectedAnswer(HttpStatusCode Status, string? ExactBody)
{
    public bool Matches(HttpStatusCode status, string body) => status == Status && (ExactBody is null || string.Equals(body, ExactBody, StringComparison.Ordinal));

    public override string ToString() => ExactBody is null ? $"{(int)Status}" : $"{(int)Status} \"{ExactBody}\"";
}
