using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Testing;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and what it answered.</summary>
public sealed record ReceivedWebhook(string Endpoint, string Id, string Timestamp, string Signature, string Body, DateTimeOffset ReceivedAt, int Nth)
{
    private int _answer = InProgress;

    /// <summary>The request is still being answered (a delayed answer).</summary>
    public const int InProgress = -1;

    /// <summary>The caller gave up before the answer (its timeout).</summary>
    public const int Abandoned = 0;

    /// <summary>The status sent, <see cref="InProgress"/> or <see cref="Abandoned"/>.</summary>
    public int Answer
    {
        get => Volatile.Read(ref _answer);
        internal set => Volatile.Write(ref _answer, value);
    }

    /// <summary>A 2xx reached the caller: the game server processed the delivery.</summary>
    public bool Acknowledged => Answer is >= 200 and <= 299;
}

/// <summary>How a <see cref="WebhookReceiver"/> endpoint answers the <c>nth</c> request of one <c>webhook-id</c> (1-based).</summary>
public delegate WebhookAnswer WebhookBehaviour(string webhookId, int nth);

/// <summary>A status to answer, after an optional delay (longer than the Notifier's timeout: the attempt times out).</summary>
/// <param name="Status">The status; 301, 302, 307 and 308 redirect to an absolute URL, 303 to a relative one (answered as 302).</param>
/// <param name="Delay">How long the request is held before the answer.</param>
/// <param name="Body">The body to send instead of the default text.</param>
/// <param name="BreakBody">Send the status and headers, then reset the connection in the middle of the body.</param>
public readonly record struct WebhookAnswer(int Status, TimeSpan Delay = default, string? Body = null, bool BreakBody = false)
{
    /// <summary>204 No Content (a 204 never has a body).</summary>
    public static WebhookAnswer Ok => new(204);

    public static implicit operator WebhookAnswer(int status) => new(status);

    /// <summary>Holds the request for <paramref name="delay"/>, then answers 204; longer than the caller's timeout, it is abandoned.</summary>
    public static WebhookAnswer Hang(TimeSpan delay) => new(204, delay);
}

/// <summary>
/// A game server's webhook receiver on a loopback port: <c>POST /{endpoint}</c> records every request (the Standard
/// Webhooks headers and the exact body) and answers as the endpoint's <see cref="WebhookBehaviour"/> says (204 by
/// default). It verifies nothing itself: tests check signatures with an independent implementation.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, WebhookBehaviour> _behaviours = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Endpoint, string Id), int> _counts = new();
    private int _holding;

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl => _app.Urls.First();

    /// <summary>The URL to configure as <c>Notifier:Endpoints:{name}:Url</c> for <paramref name="endpoint"/>.</summary>
    public string UrlOf(string endpoint) => $"{BaseUrl}/{endpoint}";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public IReadOnlyList<ReceivedWebhook> ReceivedBy(string endpoint) => [.. _received.Where(r => r.Endpoint == endpoint)];

    /// <summary>
    /// Requests held open right now (answered with a delay, <see cref="WebhookAnswer.Hang"/>) whose caller is still
    /// waiting: a Notifier killed now dies with these attempts in flight.
    /// </summary>
    public int Holding => Volatile.Read(ref _holding);

    public void Behave(string endpoint, WebhookBehaviour behaviour) => _behaviours[endpoint] = behaviour;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{endpoint}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was received, or fails with <paramref name="what"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The webhook receiver never saw {what}; it received {_received.Count} requests: " +
                    string.Join(", ", _received.Take(20).Select(r => $"{r.Endpoint} {r.Id} #{r.Nth} → {r.Answer}")));
            }

            await Task.Delay(20);
        }
    }

    private async Task<IResult> HandleAsync(string endpoint, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var id = http.Request.Headers["webhook-id"].ToString();
        var nth = _counts.AddOrUpdate((endpoint, id), 1, (_, n) => n + 1);
        var answer = _behaviours.TryGetValue(endpoint, out var behaviour) ? behaviour(id, nth) : WebhookAnswer.Ok;
        var received = new ReceivedWebhook(
            endpoint, id, http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(),
            body, DateTimeOffset.UtcNow, nth);
        _received.Enqueue(received);
        if (answer.Delay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _holding);
            try
            {
                await Task.Delay(answer.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                received.Answer = ReceivedWebhook.Abandoned;
                return Results.Empty;
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
            }
        }

        // Counted as answered once the response is written; a caller that gave up meanwhile never saw it.
        http.Response.OnCompleted(() =>
        {
            received.Answer = http.RequestAborted.IsCancellationRequested ? ReceivedWebhook.Abandoned : answer.Status;
            return Task.CompletedTask;
        });
        if (answer.BreakBody)
        {
            http.Response.StatusCode = answer.Status;
            http.Response.ContentLength = 1_000;
            await http.Response.WriteAsync("the start of a body that never ends", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);

            // A moment for the caller to read the status and headers: a reset that overtakes them would discard them.
            await Task.Delay(200, http.RequestAborted);
            http.Abort();
            return Results.Empty;
        }

        if (answer.Body is { } text)
        {
            return Results.Text(text, "text/plain", statusCode: answer.Status);
        }

        return answer.Status switch
        {
            204 => Results.NoContent(),
            303 => Results.Redirect($"/{endpoint}-moved?token=redirect-secret"),
            301 or 302 or 307 or 308 => Results.Redirect($"{BaseUrl}/{endpoint}-moved", permanent: answer.Status is 301 or 308, preserveMethod: answer.Status is 307 or 308),
            _ => Results.Text($"answer {answer.Status} to {id}", statusCode: answer.Status),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
