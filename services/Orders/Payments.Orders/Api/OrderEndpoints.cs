using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Contracts.Access;
using Payments.Contracts.Orders;
using Payments.Orders.Lifecycle;
using Payments.Orders.Persistence;
using Payments.Orders.Saga;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.Orders.Api;

internal static partial class OrderEndpoints
{
    private const string Tag = "Orders";

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/orders", PlaceAsync).RequireScope(Scopes.OrdersWrite)
            .WithName("PlaceOrder").WithTags(Tag).WithSummary("Register an order")
            .WithDescription("The game backend registers an order before the buyer pays: the user and items a provider's notification will be matched against. The same registration again is accepted again; another one for a registered order is refused with 409 and recorded in its timeline.")
            .Produces<OrderAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .Produces<RegistrationConflict>(StatusCodes.Status409Conflict, "application/problem+json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample(OrderApiExamples.Place).WithResponseExample(StatusCodes.Status202Accepted, OrderApiExamples.Accepted);
        routes.MapGet("/orders/{provider}/{account}/{providerOrderId}", GetAsync).RequireScope(Scopes.OrdersRead)
            .WithName("GetOrder").WithTags(Tag).WithSummary("An order's status, facts and timeline")
            .WithDescription("environment is production (default) or sandbox. 404 for an order never seen.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, OrderApiExamples.Order);
        routes.MapPost("/orders/{provider}/{account}/{providerOrderId}/resolve", ResolveAsync).RequireScope(Scopes.OrdersResolve)
            .WithName("ResolveOrder").WithTags(Tag).WithSummary("Settle an order whose grant a mismatch blocks")
            .WithDescription("action: grant-as-registered, grant-as-paid or cancel. The saga decides and records who asked; 409 when nothing blocks the order.")
            .Produces<ResolutionAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample(OrderApiExamples.Resolve).WithResponseExample(StatusCodes.Status202Accepted, OrderApiExamples.Resolved);
        return routes;
    }

    private static async Task<IResult> PlaceAsync(
        PlaceOrderRequest? request, ConfirmedPublisher publisher, OrdersDbContext db, OrderAccounts accounts, TimeProvider clock, ILogger<OrderView> logger,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid order", detail: "The body must be a JSON object.");
        }

        var errors = PlaceOrderValidator.Validate(request);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid order");
        }

        if (!accounts.TryGet(request.Provider!, request.Account!, out var account))
        {
            return UnknownAccount(accounts, request.Provider!, request.Account!);
        }

        var reference = new OrderReference
        {
            Provider = request.Provider!,
            Account = account,
            Environment = request.Environment ?? PaymentEnvironments.Production,
            ProviderOrderId = request.ProviderOrderId!,
        };
        var orderId = reference.ToOrderId();
        var placed = new OrderPlaced
        {
            OrderId = orderId,
            Order = reference,
            UserId = request.UserId!,
            Items = request.Items!,
            Amount = request.Amount,
            Currency = request.Currency,
            PlacedAt = clock.GetUtcNow(),
        };

        var location = $"/orders/{reference.Provider}/{reference.Account}/{reference.ProviderOrderId}?environment={reference.Environment}";
        var standing = await FindAsync(db, orderId, cancellationToken);
        if (standing is { Registered: true } && !OrderLifecycle.SameRegistration(standing, placed))
        {
            // The first registration stands. The refused one still goes to the saga, which records it in the
            // timeline (and refuses it again there): its own message id, so it is never taken for the first.
            if (!await publisher.TryPublishAsync(placed, RegistrationMessageId(placed), cancellationToken))
            {
                LogConflictNotRecorded(logger, orderId);
            }

            return Results.Json(
                new RegistrationConflict
                {
                    Title = "Order already registered",
                    Status = StatusCodes.Status409Conflict,
                    Detail = "This order is registered with another user, items or amount; the first registration stands.",
                    OrderId = orderId,
                    Registration = RegistrationView.From(standing),
                },
                statusCode: StatusCodes.Status409Conflict,
                contentType: "application/problem+json");
        }

        return await publisher.TryPublishAsync(placed, RegistrationMessageId(placed), cancellationToken)
            ? Results.Accepted(location, new OrderAccepted(orderId))
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable", detail: "The order was not registered; retry.");
    }

    private static IResult UnknownAccount(OrderAccounts accounts, string provider, string account) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown account",
            detail: accounts.Of(provider).Any()
                ? $"{provider} has no account '{account}'; configured: {string.Join(", ", accounts.Of(provider))}. No notification could ever meet this order."
                : $"No {provider} account is configured ({OrderAccounts.SectionName}:{provider}); no notification could ever meet this order.");

    /// <summary>
    /// An operator settles an order whose grant a mismatch blocks. The saga decides (and records who asked); the
    /// answer says only that the request was taken: <c>202</c>, or why not (<c>404</c>, <c>409</c> not blocked).
    /// </summary>
    /// <summary>
    /// Who asked: the caller's credential name, and the operator it acts for when it names one in
    /// <c>X-Payments-Operator</c> (the console does), e.g. <c>console for alice</c>. Only a caller that may resolve
    /// gets here, so the operator's name is as trustworthy as that caller.
    /// </summary>
    internal static string RequestedBy(HttpContext http)
    {
        var caller = http.User.Identity?.Name ?? "unknown";
        var header = http.Request.Headers["X-Payments-Operator"];
        return header.Count == 1 && header[0] is { Length: > 0 and <= 100 } name && name.All(c => !char.IsControl(c))
            ? $"{caller} for {name}"
            : caller;
    }

    private static async Task<IResult> ResolveAsync(
        string provider, string account, string providerOrderId, string? environment, ResolveOrderRequest? request,
        HttpContext http, OrdersDbContext db, OrderAccounts accounts, ConfirmedPublisher publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        account = accounts.TryGet(provider, account, out var configured) ? configured : account;
        environment ??= PaymentEnvironments.Production;
        if (!PaymentEnvironments.IsKnown(environment))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid environment", detail: "environment must be production or sandbox.");
        }

        if (request?.Action is not { } action || !OrderResolutionRequested.Actions.Contains(action))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["action"] = [$"must be one of {string.Join(", ", OrderResolutionRequested.Actions)}"] },
                title: "Invalid resolution");
        }

        var reference = new OrderReference { Provider = provider, Account = account, Environment = environment, ProviderOrderId = providerOrderId };
        var orderId = reference.ToOrderId();
        var order = await FindAsync(db, orderId, cancellationToken);
        if (order is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown order", detail: $"No {environment} order {providerOrderId} of {provider}/{account} has been seen.");
        }

        if (!OrderLifecycle.Blocked(order) && order.Resolution != action)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Nothing to resolve",
                detail: order.Resolution is { } done ? $"The order was already resolved as {done}." : "No mismatch blocks this order's grant.");
        }

        var resolution = new OrderResolutionRequested
        {
            OrderId = orderId,
            Order = reference,
            Action = action,
            RequestedBy = RequestedBy(http),
            RequestedAt = clock.GetUtcNow(),
        };
        return await publisher.TryPublishAsync(resolution, NameBasedGuid.Create(NameBasedGuid.Derived, $"{orderId}/resolve/{action}"), cancellationToken)
            ? Results.Accepted($"/orders/{provider}/{account}/{providerOrderId}?environment={environment}", new ResolutionAccepted(orderId, action))
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable", detail: "The resolution was not taken; retry.");
    }

    /// <summary>
    /// The same registration repeated is the same message; another registration of the order (refused) is another
    /// message, so nothing that deduplicates by message id can take one for the other.
    /// </summary>
    private static Guid RegistrationMessageId(OrderPlaced placed)
    {
        // A JSON array is an unambiguous encoding of the fields ("a" + "b/c" never reads as "a/b" + "c"); the amount
        // as a number, so "100.0" and "100.00" (the same registration) are the same message.
        var amount = decimal.TryParse(placed.Amount, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? (value / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : placed.Amount;
        var canonical = System.Text.Json.JsonSerializer.Serialize(new object?[]
        {
            placed.UserId,
            placed.Items.OrderBy(i => i.Sku, StringComparer.Ordinal).Select(i => new object[] { i.Sku, i.Quantity }),
            amount,
            placed.Currency,
        });
        return NameBasedGuid.Create(NameBasedGuid.Derived, $"{placed.OrderId}/placed/{canonical}");
    }

    private static Task<OrderState?> FindAsync(OrdersDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CorrelationId == orderId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a conflicting registration of order {OrderId}, but could not publish it to the timeline (broker unavailable)")]
    private static partial void LogConflictNotRecorded(ILogger logger, Guid orderId);

    private static async Task<IResult> GetAsync(
        string provider, string account, string providerOrderId, string? environment, OrdersDbContext db, OrderAccounts accounts, CancellationToken cancellationToken)
    {
        account = accounts.TryGet(provider, account, out var configured) ? configured : account;
        environment ??= PaymentEnvironments.Production;
        if (!PaymentEnvironments.IsKnown(environment))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid environment", detail: "environment must be production or sandbox.");
        }

        var orderId = new OrderReference { Provider = provider, Account = account, Environment = environment, ProviderOrderId = providerOrderId }.ToOrderId();
        var order = await FindAsync(db, orderId, cancellationToken);
        return order is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown order", detail: $"No {environment} order {providerOrderId} of {provider}/{account} has been seen.")
            : Results.Ok(OrderView.From(order));
    }
}
