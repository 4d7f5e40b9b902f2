using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Notifier.Configuration;
using Payments.Notifier.Persistence;
using Payments.ServiceDefaults.Telemetry;

namespace Payments.Notifier.Delivery;

/// <summary>
/// Sends the deliveries that are due. Every replica runs one: it claims a delivery with a lease (a conditional update,
/// so two replicas never send the same delivery at once), sends it, and records the attempt and what comes next in
/// one save. Each endpoint has its own limit of deliveries in flight, so a slow or failing game server never takes
/// the slots of another. A delivery whose lease ran out (its replica died mid-attempt) is due again.
/// </summary>
internal sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes,
    IOptionsMonitor<NotifierOptions> options,
    DeliverySignal signal,
    DeliverySender sender,
    RetrySchedule schedule,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 200;

    private static readonly Counter<long> AttemptsMade = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.notifier.attempts", description: "Webhook delivery attempts, by endpoint and outcome.");

    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly ConcurrentDictionary<string, int> perEndpoint = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a claimed delivery stays claimed: the attempt's timeout and 15 s to record it. A replica that died
    /// mid-attempt holds its deliveries no longer than this; then any replica sends them again (same webhook-id).
    /// </summary>
    public static TimeSpan LeaseFor(TimeSpan timeout) => timeout + TimeSpan.FromSeconds(15);

    private TimeSpan Lease => LeaseFor(options.CurrentValue.Timeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            var wait = options.CurrentValue.PollInterval;
            try
            {
                wait = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, exception);
            }

            try
            {
                await Task.WhenAny(woken, Task.Delay(wait, clock, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Attempts in flight finish and are recorded (each is bounded by Notifier:Timeout); nothing new starts.
        await Task.WhenAll(inFlight.Values);
    }

    /// <summary>Starts every due delivery there is room for; returns how long until the next one is due (at most the poll interval).</summary>
    private async Task<TimeSpan> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotifierDbContext>();

        var disabled = await db.Endpoints.AsNoTracking().Where(e => e.Disabled).Select(e => e.Name).ToListAsync(cancellationToken);
        var open = settings.Endpoints
            .Where(endpoint => !disabled.Contains(endpoint.Key) && InFlight(endpoint.Key) < endpoint.Value.MaxConcurrency)
            .Select(endpoint => endpoint.Key)
            .ToList();
        if (open.Count == 0 || inFlight.Count >= settings.MaxConcurrentDeliveries)
        {
            return settings.PollInterval;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var candidates = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && open.Contains(d.Endpoint) && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.DueAt)
            .Take(BatchSize)
            .Select(d => new { d.Id, d.Endpoint, d.DueAt })
            .ToListAsync(cancellationToken);

        foreach (var candidate in candidates)
        {
            if (candidate.DueAt > now)
            {
                return Min(TimeSpan.FromMilliseconds(candidate.DueAt - now), settings.PollInterval);
            }

            if (inFlight.Count >= settings.MaxConcurrentDeliveries)
            {
                break;
            }

            if (inFlight.ContainsKey(candidate.Id)
                || !settings.Endpoints.TryGetValue(candidate.Endpoint, out var endpoint)
                || InFlight(candidate.Endpoint) >= endpoint.MaxConcurrency)
            {
                continue;
            }

            var leaseUntil = clock.GetUtcNow().Add(Lease).ToUnixTimeMilliseconds();
            var claimed = await db.Deliveries
                .Where(d => d.Id == candidate.Id && d.Status == DeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, leaseUntil), cancellationToken);
            if (claimed == 0)
            {
                continue; // another replica took it
            }

            var delivery = await db.Deliveries.AsNoTracking()
                .Where(d => d.Id == candidate.Id)
                .Select(d => new ClaimedDelivery(d.Id, d.WebhookId, d.Endpoint, d.Payload))
                .SingleAsync(cancellationToken);
            Start(delivery, endpoint);
        }

        return candidates.Count == BatchSize ? TimeSpan.Zero : settings.PollInterval;
    }

    private int InFlight(string endpoint) => perEndpoint.TryGetValue(endpoint, out var count) ? count : 0;

    private void Start(ClaimedDelivery delivery, NotifierEndpointOptions endpoint)
    {
        perEndpoint.AddOrUpdate(delivery.Endpoint, 1, (_, count) => count + 1);
        var started = new TaskCompletionSource();
        inFlight[delivery.Id] = started.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                await AttemptAsync(delivery, endpoint);
            }
            catch (Exception exception)
            {
                LogAttemptCrashed(logger, exception, delivery.Endpoint, delivery.WebhookId);
            }
            finally
            {
                perEndpoint.AddOrUpdate(delivery.Endpoint, 0, (_, count) => count - 1);
                inFlight.TryRemove(delivery.Id, out _);
                started.TrySetResult();
                signal.Notify();
            }
        });
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, NotifierEndpointOptions endpoint)
    {
        var attemptedAt = clock.GetUtcNow();

        // Sent to completion even while the host stops: an answer that arrived is recorded, not thrown away.
        var result = await sender.SendAsync(new Uri(endpoint.Url!), endpoint.Secrets, delivery.WebhookId, delivery.Payload, CancellationToken.None);
        AttemptsMade.Add(1, new("endpoint", delivery.Endpoint), new("outcome", result.Outcome));
        LogAttempt(logger, delivery.Endpoint, delivery.WebhookId, result.Outcome, result.StatusCode, (long)result.Duration.TotalMilliseconds);

        // The answer is recorded even through a database outage: until it is, the lease keeps other replicas off
        // the delivery, and this replica keeps trying (a success that is not recorded would be sent again).
        for (var failures = 0; ; failures++)
        {
            try
            {
                await RecordAsync(delivery, attemptedAt, result);
                return;
            }
            catch (Exception exception) when (failures < 600)
            {
                LogRecordFailed(logger, exception, delivery.Endpoint, delivery.WebhookId);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * (failures + 1), 1_000)));
            }
        }
    }

    private async Task RecordAsync(ClaimedDelivery claimed, DateTimeOffset attemptedAt, AttemptResult result)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotifierDbContext>();
        var delivery = await db.Deliveries.SingleAsync(d => d.Id == claimed.Id);
        var now = clock.GetUtcNow();

        delivery.Attempts++;
        delivery.LastAttemptAt = attemptedAt;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastOutcome = result.Outcome;
        delivery.LeaseUntil = null;
        db.Attempts.Add(new DeliveryAttempt
        {
            DeliveryId = delivery.Id,
            Endpoint = delivery.Endpoint,
            Number = delivery.Attempts,
            At = attemptedAt,
            DurationMs = (int)Math.Min(result.Duration.TotalMilliseconds, int.MaxValue),
            StatusCode = result.StatusCode,
            Outcome = result.Outcome,
            Response = result.Response,
            Error = result.Error,
        });

        if (delivery.Status != DeliveryStatus.Pending)
        {
            // Settled meanwhile by another replica (this one's lease had run out): the attempt is history only.
        }
        else if (result.Outcome == AttemptOutcome.Succeeded)
        {
            delivery.Status = DeliveryStatus.Succeeded;
            delivery.CompletedAt = now;
        }
        else if (result.Outcome == AttemptOutcome.Gone)
        {
            // The game server says the endpoint is gone: stop calling it. The delivery keeps its place in the
            // schedule and goes out when an operator enables the endpoint again.
            delivery.DueAt = now.ToUnixTimeMilliseconds();
            await DisableAsync(db, delivery.Endpoint, now);
        }
        else
        {
            delivery.ScheduleStep++;
            if (schedule.DelayAfter(delivery.ScheduleStep) is { } delay)
            {
                delivery.DueAt = now.Add(delay).ToUnixTimeMilliseconds();
            }
            else
            {
                delivery.Status = DeliveryStatus.Failed;
                delivery.CompletedAt = now;
                LogGaveUp(logger, delivery.Endpoint, delivery.WebhookId, delivery.Attempts);
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task DisableAsync(NotifierDbContext db, string endpoint, DateTimeOffset now)
    {
        var state = await db.Endpoints.SingleOrDefaultAsync(e => e.Name == endpoint);
        if (state is null)
        {
            state = new EndpointState { Name = endpoint };
            db.Endpoints.Add(state);
        }

        if (!state.Disabled)
        {
            state.Disabled = true;
            state.DisabledAt = now;
            state.DisabledReason = "The endpoint answered 410 Gone.";
            LogDisabled(logger, endpoint);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record ClaimedDelivery(long Id, string WebhookId, string Endpoint, string Payload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} to {Endpoint}: {Outcome} ({StatusCode}) in {DurationMs} ms")]
    private static partial void LogAttempt(ILogger logger, string endpoint, string webhookId, string outcome, int? statusCode, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for due webhook deliveries failed; trying again")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the attempt of webhook {WebhookId} to {Endpoint} failed; trying again")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string endpoint, string webhookId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The attempt of webhook {WebhookId} to {Endpoint} failed unexpectedly; it is retried when its lease runs out")]
    private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string endpoint, string webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} to {Endpoint} failed after {Attempts} attempts; retry it through the API")]
    private static partial void LogGaveUp(ILogger logger, string endpoint, string webhookId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Endpoint} answered 410 Gone and is disabled until an operator enables it")]
    private static partial void LogDisabled(ILogger logger, string endpoint);
}
