using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Payments.Archive.Replay;
using Payments.Archive.Persistence;
using Payments.Contracts;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.Archive.Api;

internal static class ArchiveEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    private const string Tag = "Archive";

    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/archive/{provider}", ListAsync).RequireScope(Scopes.ArchiveRead)
            .WithName("ListArchivedNotifications").WithTags(Tag).WithSummary("A provider's archived notifications, newest first")
            .WithDescription(
                $"provider: rustore, xsolla or robokassa. Filters combine with AND. order is the order API's providerOrderId; invoice is the provider's invoice "
                + $"as archived in invoiceId (RuStore invoice_id, Xsolla transaction id, RoboKassa InvId; RuStore test events have none), at most {FieldLimits.ProviderId} "
                + $"characters; environment is production or sandbox; limit 1 to {MaxLimit} (default {DefaultLimit}).")
            .Produces<ArchiveListView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, ArchiveApiExamples.List);
        routes.MapGet("/archive/messages/{messageId:guid}", GetAsync).RequireScope(Scopes.ArchiveRead)
            .WithName("GetArchivedNotification").WithTags(Tag).WithSummary("One archived notification and its message")
            .WithDescription("The provider message as published, raw payload included (personal data), in its current shape.")
            .Produces<ArchivedNotificationView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, ArchiveApiExamples.View);
        routes.MapPost("/archive/messages/{messageId:guid}/replay", ReplayAsync).RequireScope(Scopes.ArchiveReplay)
            .WithName("ReplayArchivedNotification").WithTags(Tag).WithSummary("Publish an archived notification again, same MessageId")
            .WithDescription("Downstream nothing is applied twice: the order timeline records a duplicate.")
            .Produces<ReplayAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status202Accepted, ArchiveApiExamples.Replayed);
        return routes;
    }

    private static async Task<IResult> ListAsync(
        string provider, string? account, string? order, string? invoice, string? environment, int? limit, ArchiveDbContext db, CancellationToken cancellationToken)
    {
        if (!PaymentProviders.All.Contains(provider))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Unknown provider", detail: $"provider must be one of {string.Join(", ", PaymentProviders.All)}.");
        }

        if (environment is not null && !PaymentEnvironments.IsKnown(environment))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid environment", detail: "environment must be production or sandbox.");
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit", detail: $"limit must be between 1 and {MaxLimit}.");
        }

        if (invoice is { Length: > FieldLimits.ProviderId })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid invoice", detail: $"invoice must not be longer than {FieldLimits.ProviderId} characters.");
        }

        var query = db.Notifications.AsNoTracking().Where(n => n.Provider == provider);
        if (invoice is not null)
        {
            query = query.Where(n => n.InvoiceId == invoice);
        }

        if (account is not null)
        {
            query = query.Where(n => n.Account == account);
        }

        if (order is not null)
        {
            query = query.Where(n => n.ProviderOrderId == order);
        }

        if (environment is not null)
        {
            query = query.Where(n => n.Environment == environment);
        }

        var rows = await query.OrderByDescending(n => n.Id).Take(take).ToListAsync(cancellationToken);
        return Results.Ok(new ArchiveListView
        {
            Provider = provider,
            Account = account,
            Order = order,
            Invoice = invoice,
            Environment = environment,
            Notifications = rows.Select(ArchivedNotificationSummary.From).ToList(),
        });
    }

    private static async Task<IResult> GetAsync(Guid messageId, ArchiveDbContext db, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.MessageId == messageId, cancellationToken);
        return notification is null ? UnknownMessage(messageId) : Results.Ok(ArchivedNotificationView.From(notification));
    }

    private static async Task<IResult> ReplayAsync(Guid messageId, ArchiveReplayer replayer, CancellationToken cancellationToken)
    {
        var (outcome, notification) = await replayer.ReplayAsync(messageId, cancellationToken);
        return outcome switch
        {
            ReplayOutcome.Published => Results.Accepted(
                $"/archive/messages/{messageId}",
                new ReplayAccepted(messageId, notification!.MessageType, notification.Provider, notification.ProviderOrderId)),
            ReplayOutcome.NotFound => UnknownMessage(messageId),
            ReplayOutcome.UnknownType => Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown message type", detail: $"This archive cannot publish {notification!.MessageType}."),
            _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable", detail: "The message was not replayed; retry."),
        };
    }

    private static IResult UnknownMessage(Guid messageId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown message", detail: $"No notification with MessageId {messageId} is archived.");
}
