using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Notifier.Configuration;
using Payments.Notifier.Persistence;
using Payments.Persistence;
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
    private static readonly Counter<long> AttemptsMade = PaymentsTelemetry.Meter.CreateCounter<long>(
        "payments.notifier.attempts", description: "Webhook delivery attempts, by endpoint and outcome.");

    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly ConcurrentDictionary<string, int> perEndpoint = new(StringComparer.Ordinal);

    /// <summary>Cancelled when the host starts stopping: then an answer that cannot be recorded is given up after a few tries.</summary>
    private readonly CancellationTokenSource stopping = new();

    /// <summary>How long a claimed delivery stays claimed: the attempt's timeout and the grace to record its answer.</summary>
    public static TimeSpan LeaseFor(NotifierOptions settings) => settings.Timeout + settings.LeaseGrace;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
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

                // The timer goes with the wait: a wake-up cancels it, so frequent wake-ups leave no timers behind.
                using var nap = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(woken, Task.Delay(wait, clock, nap.Token));
                await nap.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            // Attempts in flight finish and are recorded (each is bounded by Notifier:Timeout, which the host's
            // shutdown time covers); nothing new starts.
            await Task.WhenAll(inFlight.Values);
        }
    }

    /// <summary>Starts every due delivery there is room for; returns how long until the next one is due (at most the poll interval).</summary>
    private async Task<TimeSpan> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotifierDbContext>();

        var disabled = await db.Endpoints.AsNoTracking().Where(e => e.Disabled).Select(e => e.Name).ToListAsync(cancellationToken);
        var enabled = settings.Endpoints.Where(endpoint => !disabled.Contains(endpoint.Key)).ToList();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();

        // Each endpoint is asked for as many due deliveries as it has free slots, oldest first: one endpoint's backlog
        // never fills the batch of another, and a disabled endpoint's backlog is never read. What an endpoint gets is
        // claimed in one statement, so a busy game server costs three round trips per pass, not two per delivery.
        var started = 0;
        foreach (var (name, endpoint) in enabled)
        {
            var free = Math.Min(endpoint.MaxConcurrency - InFlight(name), settings.MaxConcurrentDeliveries - inFlight.Count);
            if (free <= 0)
            {
                continue;
            }

            var due = await db.Deliveries.AsNoTracking()
                .Where(d => d.Endpoint == name && d.Status == DeliveryStatus.Pending && d.DueAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
                .OrderBy(d => d.DueAt)
                .Select(d => d.Id)
                .Take(free + inFlight.Count)
                .ToListAsync(cancellationToken);
            var ids = due.Where(id => !inFlight.ContainsKey(id)).Take(free).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            foreach (var claimed in await ClaimAsync(db, ids, now, settings, cancellationToken))
            {
                Start(claimed, endpoint);
                started++;
            }
        }

        if (started > 0)
        {
            // Each attempt that ends wakes the loop; until then, the poll interval.
            return settings.PollInterval;
        }

        // Sleep until the next delivery of an endpoint that can take it comes due, or the poll interval.
        var names = enabled.Select(endpoint => endpoint.Key).ToList();
        var next = await db.Deliveries.AsNoTracking()
            .Where(d => names.Contains(d.Endpoint) && d.Status == DeliveryStatus.Pending && d.DueAt > now)
            .MinAsync(d => (long?)d.DueAt, cancellationToken);
        return next is { } dueAt ? Min(TimeSpan.FromMilliseconds(dueAt - now), settings.PollInterval) : settings.PollInterval;
    }

    /// <summary>
    /// Takes deliveries for one attempt each with a conditional update, so that of two replicas only one gets any one
    /// of them: still pending, still due (another replica may have just failed an attempt and set it further out), no
    /// live lease. The claim's token marks what this call got.
    /// </summary>
    private async Task<List<ClaimedDelivery>> ClaimAsync(NotifierDbContext db, List<long> ids, long now, NotifierOptions settings, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var leaseUntil = clock.GetUtcNow().Add(LeaseFor(settings)).ToUnixTimeMilliseconds();
        var claimed = await db.Deliveries
            .Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Pending && d.DueAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, leaseUntil).SetProperty(d => d.LeaseToken, token), cancellationToken);
        if (claimed == 0)
        {
            return []; // other replicas took them
        }

        return await db.Deliveries.AsNoTracking()
            .Where(d => d.LeaseToken == token)
            .Select(d => new ClaimedDelivery(d.Id, d.WebhookId, d.Endpoint, d.Payload, token))
            .ToListAsync(cancellationToken);
    }

    private int InFlight(string endpoint) => perEndpoint.TryGetValue(endpoint, out var count) ? count : 0;

    private void Start(ClaimedDelivery delivery, NotifierEndpointOptions endpoint)
    {
        perEndpoint.AddOrUpdate(delivery.Endpoint, 1, (_, count) => count + 1);
        var done = new TaskCompletionSource();
        inFlight[delivery.Id] = done.Task;
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
                done.TrySetResult();
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

        // The answer is recorded even through a database outage: this replica keeps trying for as long as it runs. Its
        // lease keeps the other replicas off the delivery for Notifier:LeaseGrace; an answer recorded after another
        // replica claimed the delivery is kept as history and changes nothing (RecordAsync).
        for (var failures = 0; ; failures++)
        {
            try
            {
                await RecordAsync(delivery, attemptedAt, result);
                return;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested || failures < 20)
            {
                LogRecordFailed(logger, exception, delivery.Endpoint, delivery.WebhookId);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * (failures + 1), 1_000)));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        stopping.Dispose();
        base.Dispose();
    }

    private async Task RecordAsync(ClaimedDelivery claimed, DateTimeOffset attemptedAt, AttemptResult result)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotifierDbContext>();
        var delivery = await db.Deliveries.SingleAsync(d => d.Id == claimed.Id);
        var now = clock.GetUtcNow();
        var current = delivery.LeaseToken == claimed.LeaseToken;

        // Every attempt counts and is numbered, a stale claim's too; two claims that record at once collide on the
        // attempt's number (a unique key), and the loser reads the count again.
        delivery.Attempts++;
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

        // Only the claim that still holds the lease moves the delivery on; a stale one (its lease ran out and another
        // replica claimed the delivery) leaves status, schedule and the other claim's lease alone.
        if (current && delivery.Status == DeliveryStatus.Pending)
        {
            Advance(delivery, result, attemptedAt, now);
            if (result.Outcome == AttemptOutcome.Gone)
            {
                await DisableAsync(db, delivery.Endpoint, now);
            }
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Claimed by another replica between the read and the save: record the attempt as history only.
            db.ChangeTracker.Clear();
            throw new ConcurrentWriteConflictException($"Webhook {claimed.WebhookId} was claimed again while its attempt was recorded; recording it as history.");
        }
    }

    /// <summary>What comes after an attempt: done, failed for good, or the next attempt's due time.</summary>
    private void Advance(WebhookDelivery delivery, AttemptResult result, DateTimeOffset attemptedAt, DateTimeOffset now)
    {
        delivery.LastAttemptAt = attemptedAt;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastOutcome = result.Outcome;
        delivery.LeaseUntil = null;
        delivery.LeaseToken = null;
        if (result.Outcome == AttemptOutcome.Succeeded)
        {
            delivery.Status = DeliveryStatus.Succeeded;
            delivery.CompletedAt = now;
        }
        else if (result.Outcome == AttemptOutcome.Gone)
        {
            // The game server says the endpoint is gone: stop calling it. The delivery keeps its place in the
            // schedule and goes out when an operator enables the endpoint again.
            delivery.DueAt = now.ToUnixTimeMilliseconds();
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

    private sealed record ClaimedDelivery(long Id, string WebhookId, string Endpoint, string Payload, Guid LeaseToken);

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
