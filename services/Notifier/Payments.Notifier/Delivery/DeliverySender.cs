using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Payments.Notifier.Configuration;
using Payments.Notifier.Persistence;
using StandardWebhooks;

namespace Payments.Notifier.Delivery;

/// <summary>What one attempt came to.</summary>
internal sealed record AttemptResult(string Outcome, int? StatusCode, string? Response, string? Error, TimeSpan Duration);

/// <summary>
/// One HTTP attempt in the Standard Webhooks form: <c>webhook-id</c>, <c>webhook-timestamp</c> and one
/// <c>webhook-signature</c> entry per configured secret (signed by the StandardWebhooks package). Redirects are not
/// followed, the answer is read up to <c>Notifier:ResponseBodyLimit</c> bytes, and nothing of it is logged.
/// </summary>
internal sealed class DeliverySender(IHttpClientFactory clients, IOptionsMonitor<NotifierOptions> options, TimeProvider clock)
{
    public const string ClientName = "Payments.Notifier";

    /// <summary>
    /// One <c>v1,…</c> per secret, space-separated, the first secret's first. With several secrets the first signature
    /// is repeated at the end: the .NET StandardWebhooks library (1.1.2, and the Svix SDK it comes from, fixed there
    /// in svix-webhooks#2393) never looks at the last entry of the header, so a game server on .NET that still holds
    /// only the previous secret would refuse every delivery of a rotation. A repeated entry is still a valid header
    /// for every other implementation (each entry is checked on its own).
    /// </summary>
    public static string Signatures(IReadOnlyList<string> secrets, string webhookId, DateTimeOffset timestamp, string body)
    {
        var signatures = secrets.Select(secret => new StandardWebhook(secret).Sign(webhookId, timestamp, body)).ToList();
        if (signatures.Count > 1)
        {
            signatures.Add(signatures[0]);
        }

        return string.Join(' ', signatures);
    }

    public async Task<AttemptResult> SendAsync(Uri url, IReadOnlyList<string> secrets, string webhookId, string body, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var timestamp = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signatures(secrets, webhookId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Payments.Notifier", "1.0"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(AttemptOutcome.Timeout, null, null, $"No answer within {settings.Timeout.TotalSeconds:0.###} s.", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception) when (FindRefusal(exception) is { } refusal)
        {
            return new AttemptResult(AttemptOutcome.Refused, null, null, Clean(refusal.Message), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Whatever else went wrong before an answer (DNS, TLS, a reset connection) is a failed attempt, recorded and
            // retried on the schedule: an exception that escaped would leave the delivery unrecorded until its lease ran out.
            return new AttemptResult(AttemptOutcome.Unreachable, null, null, Clean(exception.Message), Stopwatch.GetElapsedTime(started));
        }

        using (response)
        {
            // The status decides: a game server that answered 2xx in time has the delivery, however its body ends.
            var status = (int)response.StatusCode;
            var answer = await ReadStartAsync(response.Content, settings.ResponseBodyLimit, timeout.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return status switch
            {
                >= 200 and <= 299 => new AttemptResult(AttemptOutcome.Succeeded, status, answer, null, elapsed),
                (int)HttpStatusCode.Gone => new AttemptResult(AttemptOutcome.Gone, status, answer, "410 Gone: the endpoint is disabled until an operator enables it.", elapsed),
                >= 300 and <= 399 => new AttemptResult(AttemptOutcome.Rejected, status, answer, $"Redirect to {Location(response)} not followed.", elapsed),
                _ => new AttemptResult(AttemptOutcome.Rejected, status, answer, null, elapsed),
            };
        }
    }

    private static OutboundAddressRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OutboundAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>Where a redirect pointed, without its query string (it may carry a token); relative locations as written.</summary>
    private static string Location(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => "(no Location)",
        { IsAbsoluteUri: true } location => Clean(location.GetLeftPart(UriPartial.Path), 200),
        var location => Clean(location.OriginalString.Split('?', 2)[0], 200),
    };

    /// <summary>
    /// Text fit for a database column of any provider: at most <paramref name="limit"/> characters, control
    /// characters other than tab and line breaks replaced (PostgreSQL refuses a NUL in text).
    /// </summary>
    private static string Clean(string text, int limit = 500)
    {
        var shortened = text.Length <= limit ? text : text[..limit] + "…";
        return string.Create(shortened.Length, shortened, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] is not ('\t' or '\n' or '\r') ? '\uFFFD' : source[i];
            }
        });
    }

    /// <summary>
    /// At most <paramref name="limit"/> bytes of the body, as text, for the operator; the rest is never read. Best
    /// effort: a body that breaks off or is too slow leaves what was read, and never changes the attempt's outcome.
    /// </summary>
    private static async Task<string?> ReadStartAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (limit == 0)
        {
            return null;
        }

        var buffer = new byte[limit];
        var read = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (read < limit)
            {
                var count = await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            // Keep what arrived.
        }

        return read == 0 ? null : Clean(Encoding.UTF8.GetString(buffer, 0, read), limit);
    }
}
