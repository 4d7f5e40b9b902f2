using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Payments.Scenarios.Providers;

/// <summary>
/// One HTTP request exactly as a provider (or the game backend) sends it: method, path with query, body bytes,
/// content type and extra headers. Immutable, so the same request can be sent any number of times.
/// </summary>
public sealed record ProviderRequest(
    HttpMethod Method, string PathAndQuery, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, ExpectedAnswer Answer)
{
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

    /// <summary>The body as UTF-8 text (for diagnostics).</summary>
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);
}

/// <summary>The provider's success answer: the status code and, when it matters, the exact body.</summary>
public sealed record ExpectedAnswer(HttpStatusCode Status, string? ExactBody)
{
    public bool Matches(HttpStatusCode status, string body) => status == Status && (ExactBody is null || string.Equals(body, ExactBody, StringComparison.Ordinal));

    public override string ToString() => ExactBody is null ? $"{(int)Status}" : $"{(int)Status} \"{ExactBody}\"";
}
