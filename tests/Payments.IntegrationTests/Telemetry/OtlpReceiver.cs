using System.Collections.Concurrent;
using System.Net;
using Payments.Testing;

namespace Payments.IntegrationTests.Telemetry;

/// <summary>
/// A minimal OTLP/HTTP collector on 127.0.0.1: accepts <c>POST /v1/traces</c> and <c>POST /v1/metrics</c>
/// (<c>application/x-protobuf</c>), answers 200 with an empty export response, and keeps what it decoded.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();
    private readonly ConcurrentQueue<ExportedPoint> _points = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _loop;

    private OtlpReceiver(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Endpoint { get; }

    public IReadOnlyCollection<ExportedSpan> Spans => _spans;

    public IReadOnlyCollection<ExportedPoint> Points => _points;

    /// <summary>Requests it could not take (wrong path or content type, undecodable body).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public static OtlpReceiver Start() => new(FreePort.Get());

    /// <summary>The standard variables that point an OpenTelemetry SDK at this receiver, exporting every 200 ms.</summary>
    public Dictionary<string, string> ExporterSettings() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    /// <summary>Polls until <paramref name="complete"/> holds for what was received, or fails with <paramref name="describe"/>.</summary>
    public async Task WaitUntilAsync(Func<OtlpReceiver, bool> complete, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!complete(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the collector did not receive what was expected within {timeout}.\n{describe()}");
            await Task.Delay(100);
        }
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            var bytes = body.ToArray();
            var path = request.Url?.AbsolutePath;
            if (request.HttpMethod != "POST" || request.ContentType?.StartsWith("application/x-protobuf", StringComparison.Ordinal) != true)
            {
                Refuse(response, HttpStatusCode.UnsupportedMediaType, $"{request.HttpMethod} {path} as {request.ContentType}");
            }
            else if (path == "/v1/traces")
            {
                Take(_spans, OtlpMessages.Spans(bytes), response);
            }
            else if (path == "/v1/metrics")
            {
                Take(_points, OtlpMessages.Points(bytes), response);
            }
            else
            {
                Refuse(response, HttpStatusCode.NotFound, $"POST {path}");
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            Refuse(response, HttpStatusCode.BadRequest, $"undecodable body on {request.Url?.AbsolutePath}: {exception.Message}");
        }
        catch (HttpListenerException)
        {
            // the exporter went away (its process stopped): nothing to answer
        }
        finally
        {
            Close(response);
        }
    }

    private static void Close(HttpListenerResponse response)
    {
        try
        {
            response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // the connection is gone already
        }
    }

    private static void Take<T>(ConcurrentQueue<T> store, IEnumerable<T> decoded, HttpListenerResponse response)
    {
        foreach (var item in decoded.ToList())
        {
            store.Enqueue(item);
        }

        // An empty Export*ServiceResponse: no partial_success, everything accepted.
        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = "application/x-protobuf";
        response.ContentLength64 = 0;
    }

    private void Refuse(HttpListenerResponse response, HttpStatusCode status, string what)
    {
        _errors.Enqueue(what);
        response.StatusCode = (int)status;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
