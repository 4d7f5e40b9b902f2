using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payments.Contracts.Access;
using Payments.ServiceDefaults.OpenApi;
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

    private const string Tag = "Dead letters";

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dead-letters", ListAsync).RequireScope(Scopes.DeadLettersRead)
            .WithName("ListDeadLetterQueues").WithTags(Tag).WithSummary("The system's error queues and how many messages each holds")
            .WithDescription(
                "Every MassTransit error queue of the system that exists (order-paid_error holds what faulted on order-paid), empty ones too; with quorum "
                + "queues also each <queue>_dead-letter that exists (what the broker dead-lettered after Bus:RabbitMq:DeliveryLimit deliveries). "
                + "503 when the broker is unavailable.")
            .Produces<DeadLetterQueueListView>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status200OK, DeadLetterApiExamples.Queues);
        routes.MapGet("/dead-letters/{queue}", BrowseAsync).RequireScope(Scopes.DeadLettersRead)
            .WithName("BrowseDeadLetterQueue").WithTags(Tag).WithSummary("An error queue's depth and its first messages, head first")
            .WithDescription(
                $"Read without consuming: nothing moves. Each message with its type, its fault (MassTransit's MT-Fault-* headers) and the order it belongs to. "
                + $"limit 1 to {MaxLimit} (default {DefaultLimit}); 404 when queue is not one GET /dead-letters lists; 503 when the broker is unavailable.")
            .Produces<DeadLetterPageView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status200OK, DeadLetterApiExamples.Page);
        routes.MapGet("/dead-letters/{queue}/{messageId}", GetAsync).RequireScope(Scopes.DeadLettersRead)
            .WithName("GetDeadLetter").WithTags(Tag).WithSummary("One dead letter with its fault, every header and its body")
            .WithDescription(
                "Read without consuming. headers holds every transport header by its name (MT-Fault-Message, MT-Fault-ExceptionType, …); body is the "
                + "message envelope as text (personal data, like the archive). 404 for an unknown queue or a message the queue does not hold; "
                + "503 when the broker is unavailable.")
            .Produces<DeadLetterDetailView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseExample(StatusCodes.Status200OK, DeadLetterApiExamples.Detail);
        routes.MapPost("/dead-letters/{queue}/requeue", RequeueAsync).RequireScope(Scopes.DeadLettersRequeue)
            .WithName("RequeueDeadLetters").WithTags(Tag).WithSummary("Move chosen dead letters back to the queue they faulted on, same MessageId")
            .WithDescription(
                $"messageIds: 1 to {MaxRequeue} ids, none empty. Each message goes back byte for byte with its headers but the MT-Fault-* / MT-Reason ones, "
                + "published with a broker confirm before it leaves the error queue; the answer names the ids moved and those the queue did not hold. "
                + "400 validation problem for a bad body; 404 unknown queue; 503 when the broker is unavailable (what was not confirmed stays a dead letter).")
            .Produces<RequeueResultView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample(DeadLetterApiExamples.Requeue).WithResponseExample(StatusCodes.Status200OK, DeadLetterApiExamples.Requeued);
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
