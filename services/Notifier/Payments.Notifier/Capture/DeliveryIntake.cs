using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts;
using Payments.Notifier.Configuration;
using Payments.Notifier.Delivery;
using Payments.Notifier.Persistence;
using Payments.Persistence;

namespace Payments.Notifier.Capture;

/// <summary>
/// Stores an event's deliveries once per (event, endpoint). Outcomes are re-published under the same MessageId when
/// their trigger is redelivered, so a second copy finds its rows and adds nothing: a game server that acknowledged
/// a delivery is not sent it again.
/// </summary>
internal sealed partial class DeliveryIntake(
    NotifierDbContext db, IOptionsMonitor<NotifierOptions> options, DeliverySignal signal, TimeProvider clock, ILogger<DeliveryIntake> logger)
{
    /// <summary>The <c>webhook-id</c> of an event's delivery to an endpoint: stable across attempts, restarts and replicas.</summary>
    public static string WebhookId(Guid eventId, string endpoint) =>
        $"msg_{NameBasedGuid.Create(NameBasedGuid.Derived, $"{eventId}/webhook/{endpoint}"):N}";

    /// <returns>How many deliveries this call added.</returns>
    public async Task<int> AcceptAsync(WebhookEvent webhookEvent, Guid eventId, CancellationToken cancellationToken)
    {
        var endpoints = options.CurrentValue.Endpoints
            .Where(endpoint => endpoint.Value.Accepts(webhookEvent.Type, webhookEvent.Account, webhookEvent.Environment))
            .Select(endpoint => endpoint.Key)
            .ToList();
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var existing = await db.Deliveries.AsNoTracking()
            .Where(d => d.EventId == eventId)
            .Select(d => d.Endpoint)
            .ToListAsync(cancellationToken);
        var missing = endpoints.Except(existing, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            LogDuplicate(logger, webhookEvent.Type, eventId);
            return 0;
        }

        var now = clock.GetUtcNow();
        var body = webhookEvent.Body();
        foreach (var endpoint in missing)
        {
            db.Deliveries.Add(NewDelivery(webhookEvent, eventId, endpoint, body, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueKeyConflict.Is(exception))
        {
            // A concurrent copy of the same event stored some of them between the check and the insert. The bus
            // retries in place; the next attempt finds those rows and adds only what is still missing.
            db.ChangeTracker.Clear();
            throw new ConcurrentWriteConflictException($"Deliveries of {webhookEvent.Type} {eventId} were stored concurrently; retrying.", exception);
        }

        LogAccepted(logger, webhookEvent.Type, eventId, missing.Count);
        signal.Notify();
        return missing.Count;
    }

    /// <summary>Queues a <c>webhook.test</c> event to one endpoint, whatever its filters; returns the delivery's webhook-id.</summary>
    public async Task<string> QueueTestAsync(string endpoint, CancellationToken cancellationToken)
    {
        var eventId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var webhookEvent = WebhookEvent.Test(endpoint, now);
        var delivery = NewDelivery(webhookEvent, eventId, endpoint, webhookEvent.Body(), now);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        LogAccepted(logger, webhookEvent.Type, eventId, 1);
        signal.Notify();
        return delivery.WebhookId;
    }

    /// <summary>A delivery of <paramref name="webhookEvent"/> to <paramref name="endpoint"/>, due at once.</summary>
    private static WebhookDelivery NewDelivery(WebhookEvent webhookEvent, Guid eventId, string endpoint, string body, DateTimeOffset now) => new()
    {
        WebhookId = WebhookId(eventId, endpoint),
        EventId = eventId,
        Endpoint = endpoint,
        EventType = webhookEvent.Type,
        OrderId = webhookEvent.OrderId,
        UserId = webhookEvent.UserId,
        Account = webhookEvent.Account,
        Environment = webhookEvent.Environment,
        Payload = body,
        CreatedAt = now,
        Status = DeliveryStatus.Pending,
        DueAt = now.ToUnixTimeMilliseconds(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} {EventId}: {Count} deliveries queued")]
    private static partial void LogAccepted(ILogger logger, string eventType, Guid eventId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{EventType} {EventId} is already queued for every endpoint; nothing added")]
    private static partial void LogDuplicate(ILogger logger, string eventType, Guid eventId);
}
