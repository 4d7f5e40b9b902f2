using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.Access;
using Payments.Notifier.Capture;
using Payments.Notifier.Configuration;
using Payments.Notifier.Delivery;
using Payments.Notifier.Persistence;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.Notifier.Api;

/// <summary>
/// <c>/notifier/**</c>: the endpoints and their health, deliveries with every attempt and answer, and the operator's
/// actions (retry a failed delivery, send a test event, enable an endpoint a 410 disabled).
/// </summary>
internal static class NotifierEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    private const string Tag = "Notifier";

    public static IEndpointRouteBuilder MapNotifierEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/notifier/endpoints", ListEndpointsAsync).RequireScope(Scopes.NotifierRead)
            .WithName("ListWebhookEndpoints").WithTags(Tag).WithSummary("The configured game-server endpoints and their health")
            .Produces<EndpointListView>().WithResponseExample(StatusCodes.Status200OK, NotifierApiExamples.Endpoints);
        routes.MapGet("/notifier/endpoints/{name}/deliveries", EndpointDeliveriesAsync).RequireScope(Scopes.NotifierRead)
            .WithName("ListEndpointDeliveries").WithTags(Tag).WithSummary("An endpoint's deliveries, newest first, with every attempt")
            .WithDescription($"status: pending, succeeded or failed; limit 1 to {MaxLimit} (default {DefaultLimit}).")
            .Produces<DeliveryListView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, NotifierApiExamples.Deliveries);
        routes.MapGet("/notifier/orders/{orderId:guid}/deliveries", OrderDeliveriesAsync).RequireScope(Scopes.NotifierRead)
            .WithName("ListOrderDeliveries").WithTags(Tag).WithSummary("Every delivery about an order, oldest first")
            .Produces<DeliveryListView>().WithResponseExample(StatusCodes.Status200OK, NotifierApiExamples.Deliveries);
        routes.MapGet("/notifier/deliveries/{webhookId}", GetDeliveryAsync).RequireScope(Scopes.NotifierRead)
            .WithName("GetDelivery").WithTags(Tag).WithSummary("One delivery by its webhook-id, with every attempt and answer")
            .Produces<DeliveryView>().ProducesProblem(StatusCodes.Status404NotFound).WithResponseExample(StatusCodes.Status200OK, NotifierApiExamples.Delivery);
        routes.MapPost("/notifier/deliveries/{webhookId}/retry", RetryAsync).RequireScope(Scopes.NotifierWrite)
            .WithName("RetryDelivery").WithTags(Tag).WithSummary("Run a failed delivery's schedule again, same webhook-id")
            .Produces<RetryAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithResponseExample(StatusCodes.Status202Accepted, NotifierApiExamples.Retried);
        routes.MapPost("/notifier/endpoints/{name}/test", SendTestAsync).RequireScope(Scopes.NotifierWrite)
            .WithName("SendTestEvent").WithTags(Tag).WithSummary("Queue a webhook.test event to an endpoint")
            .Produces<TestQueued>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status202Accepted, NotifierApiExamples.Test);
        routes.MapPost("/notifier/endpoints/{name}/enable", EnableAsync).RequireScope(Scopes.NotifierWrite)
            .WithName("EnableEndpoint").WithTags(Tag).WithSummary("Enable an endpoint a 410 Gone disabled")
            .Produces<EndpointEnabled>().ProducesProblem(StatusCodes.Status404NotFound).WithResponseExample(StatusCodes.Status200OK, NotifierApiExamples.Enabled);
        return routes;
    }

    private static async Task<IResult> ListEndpointsAsync(IOptionsMonitor<NotifierOptions> options, NotifierDbContext db, CancellationToken cancellationToken)
    {
        var states = await db.Endpoints.AsNoTracking().ToDictionaryAsync(e => e.Name, cancellationToken);
        var counts = await db.Deliveries.AsNoTracking()
            .GroupBy(d => new { d.Endpoint, d.Status })
            .Select(group => new { group.Key.Endpoint, group.Key.Status, Count = group.Count() })
            .ToListAsync(cancellationToken);
        var views = new List<EndpointView>();
        foreach (var (name, endpoint) in options.CurrentValue.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var last = await db.Attempts.AsNoTracking().Where(a => a.Endpoint == name).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
            var state = states.GetValueOrDefault(name);
            int Count(string status) => counts.Where(c => c.Endpoint == name && c.Status == status).Sum(c => c.Count);
            views.Add(new EndpointView
            {
                Name = name,
                Url = Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Path) : "",
                Events = endpoint.Events.Count == 0 ? WebhookEventTypes.Subscribable : endpoint.Events,
                Accounts = endpoint.Accounts,
                Environments = endpoint.Environments,
                MaxConcurrency = endpoint.MaxConcurrency,
                Health = state is { Disabled: true } ? "disabled"
                    : last is null ? "idle"
                    : last.Outcome == AttemptOutcome.Succeeded ? "healthy" : "failing",
                DisabledAt = state is { Disabled: true } ? state.DisabledAt : null,
                DisabledReason = state is { Disabled: true } ? state.DisabledReason : null,
                Pending = Count(DeliveryStatus.Pending),
                Succeeded = Count(DeliveryStatus.Succeeded),
                Failed = Count(DeliveryStatus.Failed),
                LastAttemptAt = last?.At,
                LastOutcome = last?.Outcome,
                LastStatusCode = last?.StatusCode,
            });
        }

        return Results.Ok(new EndpointListView(views));
    }

    private static async Task<IResult> EndpointDeliveriesAsync(
        string name, string? status, int? limit, IOptionsMonitor<NotifierOptions> options, NotifierDbContext db, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Endpoints.ContainsKey(name))
        {
            return UnknownEndpoint(name);
        }

        if (status is not null and not (DeliveryStatus.Pending or DeliveryStatus.Succeeded or DeliveryStatus.Failed))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid status", detail: "status must be pending, succeeded or failed.");
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit", detail: $"limit must be between 1 and {MaxLimit}.");
        }

        var query = db.Deliveries.AsNoTracking().Where(d => d.Endpoint == name);
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        return Results.Ok(await ViewsAsync(db, query.OrderByDescending(d => d.Id).Take(take), cancellationToken));
    }

    private static async Task<IResult> OrderDeliveriesAsync(Guid orderId, NotifierDbContext db, CancellationToken cancellationToken) =>
        Results.Ok(await ViewsAsync(db, db.Deliveries.AsNoTracking().Where(d => d.OrderId == orderId).OrderBy(d => d.Id).Take(MaxLimit), cancellationToken));

    private static async Task<IResult> GetDeliveryAsync(string webhookId, NotifierDbContext db, CancellationToken cancellationToken)
    {
        var list = await ViewsAsync(db, db.Deliveries.AsNoTracking().Where(d => d.WebhookId == webhookId), cancellationToken);
        return list.Deliveries.Count == 0 ? UnknownDelivery(webhookId) : Results.Ok(list.Deliveries[0]);
    }

    private static async Task<IResult> RetryAsync(
        string webhookId, IOptionsMonitor<NotifierOptions> options, NotifierDbContext db, DeliverySignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.WebhookId == webhookId, cancellationToken);
        if (delivery is null)
        {
            return UnknownDelivery(webhookId);
        }

        if (!options.CurrentValue.Endpoints.ContainsKey(delivery.Endpoint))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Endpoint not configured",
                detail: $"Delivery {webhookId} is for endpoint '{delivery.Endpoint}', which Notifier:Endpoints no longer lists; configure it again to retry.");
        }

        if (delivery.Status != DeliveryStatus.Failed)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not a failed delivery",
                detail: $"Delivery {webhookId} is {delivery.Status}; only a failed delivery is retried (a pending one is already on its schedule).");
        }

        // A new run of the whole schedule, under the same webhook-id: a game server that did process an earlier
        // attempt recognises it.
        delivery.Status = DeliveryStatus.Pending;
        delivery.ScheduleStep = 0;
        delivery.CompletedAt = null;
        delivery.LeaseUntil = null;
        delivery.LeaseToken = null;
        delivery.DueAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return Results.Accepted($"/notifier/deliveries/{webhookId}", new RetryAccepted(webhookId, delivery.Status));
    }

    private static async Task<IResult> SendTestAsync(string name, IOptionsMonitor<NotifierOptions> options, DeliveryIntake intake, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Endpoints.ContainsKey(name))
        {
            return UnknownEndpoint(name);
        }

        var webhookId = await intake.QueueTestAsync(name, cancellationToken);
        return Results.Accepted($"/notifier/deliveries/{webhookId}", new TestQueued(webhookId));
    }

    private static async Task<IResult> EnableAsync(
        string name, IOptionsMonitor<NotifierOptions> options, NotifierDbContext db, DeliverySignal signal, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Endpoints.ContainsKey(name))
        {
            return UnknownEndpoint(name);
        }

        var state = await db.Endpoints.SingleOrDefaultAsync(e => e.Name == name, cancellationToken);
        if (state is { Disabled: true })
        {
            state.Disabled = false;
            state.DisabledAt = null;
            state.DisabledReason = null;
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
        }

        return Results.Ok(new EndpointEnabled(name, "enabled"));
    }

    private static async Task<DeliveryListView> ViewsAsync(NotifierDbContext db, IQueryable<WebhookDelivery> query, CancellationToken cancellationToken)
    {
        var deliveries = await query.ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.Attempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return new DeliveryListView { Deliveries = deliveries.Select(d => DeliveryView.From(d, attempts[d.Id])).ToList() };
    }

    private static IResult UnknownEndpoint(string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown endpoint", detail: $"No endpoint '{name}' is configured (Notifier:Endpoints).");

    private static IResult UnknownDelivery(string webhookId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown delivery", detail: $"No delivery has webhook-id '{webhookId}'.");
}
