using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.Security;

namespace Payments.Archive.DeadLetters;

/// <summary>
/// The dead-letter API of the operators' console (README "HTTP interface"): the console never talks to the broker;
/// this service, which has the broker's credentials, does.
/// </summary>
internal static class DeadLetterEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxRequeue = 100;

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dead-letters", ListAsync).RequireScope(Scopes.DeadLettersRead);
        routes.MapGet("/dead-letters/{queue}", BrowseAsync).RequireScope(Scopes.DeadLettersRead);
        routes.MapGet("/dead-letters/{queue}/{messageId}", GetAsync).RequireScope(Scopes.DeadLettersRead);
        routes.MapPost("/dead-letters/{queue}/requeue", RequeueAsync).RequireScope(Scopes.DeadLettersRequeue);
        return routes;
    }

    private static Task<IResult> ListAsync(IDeadLetterQueues queues, CancellationToken cancellationToken) =>
        Guarded(async () => Results.Ok(new DeadLetterQueueListView(await queues.ListAsync(cancellationToken))));

    private static Task<IResult> BrowseAsync(string queue, int? limit, IDeadLetterQueues queues, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit", detail: $"limit must be between 1 and {MaxLimit}."));
        }

        return Guarded(async () => await queues.BrowseAsync(queue, take, cancellationToken) is { } page ? Results.Ok(page) : UnknownQueue(queue));
    }

    private static Task<IResult> GetAsync(string queue, string messageId, IDeadLetterQueues queues, CancellationToken cancellationToken) =>
        Guarded(async () => await queues.FindAsync(queue, messageId, cancellationToken) switch
        {
            null => UnknownQueue(queue),
            { Message: { } message } => Results.Ok(message),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown message", detail: $"{queue} holds no message {messageId}."),
        });

    private static Task<IResult> RequeueAsync(string queue, RequeueRequest? request, IDeadLetterQueues queues, CancellationToken cancellationToken)
    {
        var ids = request?.MessageIds;
        if (ids is null || ids.Count is < 1 or > MaxRequeue || ids.Any(string.IsNullOrWhiteSpace))
        {
            return Task.FromResult(Results.ValidationProblem(
                new Dictionary<string, string[]> { ["messageIds"] = [$"give 1 to {MaxRequeue} message ids, none empty."] },
                title: "Invalid requeue"));
        }

        return Guarded(async () => await queues.RequeueAsync(queue, ids, cancellationToken) is { } result ? Results.Ok(result) : UnknownQueue(queue));
    }

    private static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DeadLetterBrokerUnavailableException)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable", detail: "The broker is unavailable; nothing unconfirmed was moved. Retry.");
        }
    }

    private static IResult UnknownQueue(string queue) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown error queue", detail: $"{queue} is not one of the system's error queues (GET /dead-letters lists them).");
}
