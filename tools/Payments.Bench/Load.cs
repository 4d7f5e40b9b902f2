using System.Diagnostics;
using Payments.Simulator;
using Payments.Testing;

namespace Payments.Bench;

internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, LatencyRecorder Latency)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
}

/// <summary>Closed-loop (N workers, each sends the next request when the last one was answered) and open-loop (fixed rate) HTTP load.</summary>
internal static class Load
{
    /// <summary>A client that sends the services' API key (<see cref="ApiCredentials.Tests"/>, set by DistributedSystem) to the APIs, never to the webhooks.</summary>
    public static HttpClient Client(int connections) => ApiCredentials.Tests.Client(
        timeout: TimeSpan.FromSeconds(30),
        inner: new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        });

    /// <summary>Sends one request; true when the answer is the provider's success answer.</summary>
    public static async Task<bool> SendAsync(HttpClient client, Uri baseAddress, ProviderRequest request, CancellationToken ct)
    {
        try
        {
            using var message = request.ToHttpRequest(baseAddress);
            using var response = await client.SendAsync(message, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return request.Answer.Matches(response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static async Task<LoadResult> ClosedLoopAsync(
        HttpClient client, Uri baseAddress, Func<long, ProviderRequest> next, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        long index = 0, ok = 0, failed = 0;
        var latency = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var request = next(Interlocked.Increment(ref index));
                var start = Stopwatch.GetTimestamp();
                if (await SendAsync(client, baseAddress, request, ct))
                {
                    latency.RecordSince(start);
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        await Task.WhenAll(workers);
        return new LoadResult(ok, failed, clock.Elapsed, latency);
    }

    /// <summary>
    /// Starts <paramref name="count"/> operations at a fixed <paramref name="perSecond"/> rate whether or not earlier ones
    /// finished; each operation gets its index and its scheduled start (for latency without coordinated omission).
    /// </summary>
    public static async Task OpenLoopAsync(int count, double perSecond, Func<long, long, Task> operation, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var startTimestamp = Stopwatch.GetTimestamp();
        var running = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait, ct);
            }

            var scheduled = startTimestamp + (long)(due.TotalSeconds * Stopwatch.Frequency);
            var index = i;
            running.Add(Task.Run(() => operation(index, scheduled), ct));
        }

        await Task.WhenAll(running);
    }
}
