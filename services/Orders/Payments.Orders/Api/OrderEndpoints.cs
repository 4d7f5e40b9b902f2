using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Orders.Persistence;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Orders.Api;

internal static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/orders", PlaceAsync);
        routes.MapGet("/orders/{provider}/{account}/{providerOrderId}", GetAsync);
        return routes;
    }

    private static async Task<IResult> PlaceAsync(PlaceOrderRequest? request, ConfirmedPublisher publisher, TimeProvider clock, CancellationToken cancellationToken)
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

        var reference = new OrderReference
        {
            Provider = request.Provider!,
            Account = request.Account!,
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

        // The same registration repeated is the same message: its id is derived from the order.
        var messageId = NameBasedGuid.Create(NameBasedGuid.Derived, $"{orderId}/placed");
        return await publisher.TryPublishAsync(placed, messageId, cancellationToken)
            ? Results.Accepted($"/orders/{reference.Provider}/{reference.Account}/{reference.ProviderOrderId}?environment={reference.Environment}", new { orderId })
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable", detail: "The order was not registered; retry.");
    }

    private static async Task<IResult> GetAsync(string provider, string account, string providerOrderId, string? environment, OrdersDbContext db, CancellationToken cancellationToken)
    {
        environment ??= PaymentEnvironments.Production;
        if (!PaymentEnvironments.IsKnown(environment))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid environment", detail: "environment must be production or sandbox.");
        }

        var orderId = new OrderReference { Provider = provider, Account = account, Environment = environment, ProviderOrderId = providerOrderId }.ToOrderId();
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CorrelationId == orderId, cancellationToken);
        return order is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown order", detail: $"No {environment} order {providerOrderId} of {provider}/{account} has been seen.")
            : Results.Ok(OrderView.From(order));
    }
}
