using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Payments.Ingress.Webhooks;

namespace Payments.Ingress.RoboKassa;

/// <summary>
/// Reads the query string and, when there is one, the form body: RoboKassa calls with GET or POST as the shop chose
/// (docs/providers/robokassa.md, decision A25). A form value wins over a query value of the same name. A name repeated within one source is
/// refused, since it would be unclear which value was signed.
/// </summary>
internal static class RoboKassaRequestReader
{
    /// <summary>The same bound as the JSON providers' bodies: a ResultURL call is well under 1 KiB.</summary>
    public const int Limit = JsonRequestBody.DefaultLimit;

    public static async Task<Checked<RoboKassaParameters>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Add(merged, request.Query) is { } queryRejection)
        {
            return queryRejection;
        }

        if (request.ContentType is null)
        {
            return new RoboKassaParameters(merged);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return RoboKassaRejections.UnsupportedMediaType;
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return RoboKassaRejections.BodyTooLarge;
        }

        Dictionary<string, StringValues> form;
        try
        {
            // RoboKassa always sends UTF-8 (docs/providers/robokassa.md#request-format), whatever charset the header names.
            form = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
        }
        catch (InvalidDataException)
        {
            return RoboKassaRejections.MalformedForm;
        }

        if (Add(merged, form) is { } formRejection)
        {
            return formRejection;
        }

        return new RoboKassaParameters(merged);
    }

    /// <summary>Adds one source's pairs, replacing (name and spelling) what an earlier source gave.</summary>
    private static WebhookRejection? Add(Dictionary<string, string> merged, IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        // Both ASP.NET Core readers group names case-insensitively, so Shp_a and shp_a arrive as one repeated name.
        foreach (var (name, values) in source)
        {
            if (name.Length == 0)
            {
                continue;
            }

            if (values.Count != 1)
            {
                return RoboKassaRejections.DuplicateParameter(name);
            }

            merged.Remove(name);
            merged.Add(name, values[0] ?? string.Empty);
        }

        return null;
    }

    /// <summary>The body bytes, or null when they exceed <see cref="Limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > Limit)
        {
            return null;
        }

        // Content-Length may be absent (chunked), so the limit is also enforced while reading.
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > Limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
