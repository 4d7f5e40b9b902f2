using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Payments.Ingress.Webhooks;

/// <summary>Reads a JSON webhook body as raw bytes (signatures and decryption work on bytes), bounded in size.</summary>
internal static class JsonRequestBody
{
    /// <summary>Provider notifications are a few KiB; anything far larger is not one of them.</summary>
    public const int DefaultLimit = 64 * 1024;

    public static bool HasJsonContentType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body bytes, or the rejection for a wrong content type or a body over <paramref name="limit"/> bytes.</summary>
    public static async Task<Checked<byte[]>> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (!HasJsonContentType(request))
        {
            return WebhookRejection.UnsupportedMediaType;
        }

        if (request.ContentLength > limit)
        {
            return WebhookRejection.BodyTooLarge(limit);
        }

        // Content-Length may be absent (chunked), so the limit is also enforced while reading.
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return WebhookRejection.BodyTooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
