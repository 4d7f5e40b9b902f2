using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Contracts.Access;
using Payments.Orders.Lifecycle;
using Payments.Orders.Persistence;
using Payments.Orders.Saga;
using Payments.ServiceDefaults.OpenApi;
using Payments.ServiceDefaults.Security;

namespace Payments.Orders.Api;

/// <summary>
/// The operator console's queries: <c>GET /orders</c> (search and keyset paging, newest first by
/// <c>updatedAt</c> then <c>orderId</c>) and <c>GET /orders/by-id/{orderId}</c> (the order view by id).
/// Every filter runs in SQL; the listing reads only the columns a summary shows (never the timeline).
/// </summary>
internal static class OrderSearchEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private const string Tag = "Orders";

    public static IEndpointRouteBuilder MapOrderSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/orders", SearchAsync).RequireScope(Scopes.OrdersRead)
            .WithName("SearchOrders").WithTags(Tag).WithSummary("Search orders, newest first, a page at a time")
            .WithDescription(
                "The operator console's search. Every parameter is optional, given at most once and not empty; filters combine with AND. "
                + $"Newest first by updatedAt, then orderId; limit 1 to {MaxLimit} (default {DefaultLimit}). next is an opaque cursor for the following page "
                + "(null on the last); the pages are keyset pages, so an order that changes after its page was read moves to the front and is not met twice. "
                + "400 validation problem naming each bad parameter.")
            .WithQueryParameter("userId", $"The game's user id, exactly (at most {FieldLimits.UserId} characters).")
            .WithQueryParameter("providerOrderId", $"The provider's order id, exactly (at most {FieldLimits.ProviderId} characters).")
            .WithQueryParameter("provider", $"One of {string.Join(", ", PaymentProviders.All)}.")
            .WithQueryParameter("account", "The provider account, as configured (matched in the configured spelling when provider is given too).")
            .WithQueryParameter("environment", "production or sandbox.")
            .WithQueryParameter("status", $"The order's status: {string.Join(", ", Enum.GetNames<OrderStatus>().Select(n => n.ToLowerInvariant()))}.")
            .WithQueryParameter("blocked", "true or false: whether a mismatch (amount or items) blocks the grant and no operator has resolved it.")
            .WithQueryParameter("awaitingDetails", "true or false: whether the order is paid but not granted because its user or items are not known yet.")
            .WithQueryParameter("limit", $"Orders per page, a whole number from 1 to {MaxLimit} (default {DefaultLimit}).")
            .WithQueryParameter("cursor", "The previous page's next, to read the following page.")
            .Produces<OrderSearchPage>().ProducesValidationProblem()
            .WithResponseExample(StatusCodes.Status200OK, OrderApiExamples.Page);
        routes.MapGet("/orders/by-id/{orderId:guid}", GetByIdAsync).RequireScope(Scopes.OrdersRead)
            .WithName("GetOrderById").WithTags(Tag).WithSummary("An order's status, facts and timeline, by its id")
            .WithDescription("Exactly what GET /orders/{provider}/{account}/{providerOrderId} answers, found by the order id (the id POST /orders answers and the events carry). 404 for an order never seen.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, OrderApiExamples.Order);
        return routes;
    }

    private static async Task<IResult> GetByIdAsync(Guid orderId, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CorrelationId == orderId, cancellationToken);
        return order is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown order", detail: $"No order with id {orderId} has been seen.")
            : Results.Ok(OrderView.From(order));
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, OrdersDbContext db, OrderAccounts accounts, CancellationToken cancellationToken)
    {
        var search = OrderSearch.Read(request.Query, accounts);
        if (search.Errors.Count > 0)
        {
            return Results.ValidationProblem(search.Errors, title: "Invalid order search");
        }

        var query = search.Apply(db.Orders.AsNoTracking());
        var rows = await query
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.CorrelationId)
            .Take(search.Limit + 1)
            .Select(o => new OrderState
            {
                CorrelationId = o.CorrelationId,
                CurrentState = o.CurrentState,
                Provider = o.Provider,
                Account = o.Account,
                Environment = o.Environment,
                ProviderOrderId = o.ProviderOrderId,
                UserId = o.UserId,
                Items = o.Items,
                RegisteredAmount = o.RegisteredAmount,
                PaidAmount = o.PaidAmount,
                Currency = o.Currency,
                Granted = o.Granted,
                Revoked = o.Revoked,
                AmountMismatch = o.AmountMismatch,
                ItemMismatch = o.ItemMismatch,
                Resolution = o.Resolution,
                CreatedAt = o.CreatedAt,
                UpdatedAt = o.UpdatedAt,
            })
            .ToListAsync(cancellationToken);

        var page = rows.Take(search.Limit).ToList();
        var next = rows.Count > search.Limit ? new OrderCursor(page[^1].UpdatedAt, page[^1].CorrelationId).Encode() : null;
        return Results.Ok(new OrderSearchPage { Orders = page.Select(OrderSummary.From).ToList(), Next = next });
    }
}

/// <summary>The validated parameters of <c>GET /orders</c>; <see cref="Errors"/> names each bad one.</summary>
internal sealed class OrderSearch
{
    private static readonly Dictionary<string, string> StatusStates =
        Enum.GetNames<OrderStatus>().ToDictionary(name => name.ToLowerInvariant(), name => name, StringComparer.Ordinal);

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public string? UserId { get; private set; }
    public string? ProviderOrderId { get; private set; }
    public string? Provider { get; private set; }
    public string? Account { get; private set; }
    public string? Environment { get; private set; }
    public string? State { get; private set; }
    public bool? Blocked { get; private set; }
    public bool? AwaitingDetails { get; private set; }
    public int Limit { get; private set; } = OrderSearchEndpoints.DefaultLimit;
    public OrderCursor? After { get; private set; }

    public static OrderSearch Read(IQueryCollection query, OrderAccounts accounts)
    {
        var search = new OrderSearch();
        search.UserId = search.Text(query, "userId", FieldLimits.UserId);
        search.ProviderOrderId = search.Text(query, "providerOrderId", FieldLimits.ProviderId);
        search.Provider = search.Text(query, "provider", 32);
        if (search.Provider is not null && !PaymentProviders.All.Contains(search.Provider))
        {
            search.Errors["provider"] = [$"must be one of {string.Join(", ", PaymentProviders.All)}"];
        }

        search.Account = search.Text(query, "account", FieldLimits.Account);
        if (search.Account is not null && search.Provider is not null && accounts.TryGet(search.Provider, search.Account, out var configured))
        {
            // The configured spelling, as GET /orders/{provider}/{account}/… and Ingress match an account.
            search.Account = configured;
        }

        search.Environment = search.Text(query, "environment", 16);
        if (search.Environment is not null && !PaymentEnvironments.IsKnown(search.Environment))
        {
            search.Errors["environment"] = ["must be production or sandbox"];
        }

        if (search.Text(query, "status", 32) is { } status)
        {
            if (StatusStates.TryGetValue(status, out var state))
            {
                search.State = state;
            }
            else
            {
                search.Errors["status"] = [$"must be one of {string.Join(", ", StatusStates.Keys)}"];
            }
        }

        search.Blocked = search.Flag(query, "blocked");
        search.AwaitingDetails = search.Flag(query, "awaitingDetails");
        if (search.Text(query, "limit", 16) is { } limit)
        {
            if (int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var take)
                && take is >= 1 and <= OrderSearchEndpoints.MaxLimit)
            {
                search.Limit = take;
            }
            else
            {
                search.Errors["limit"] = [$"must be a whole number from 1 to {OrderSearchEndpoints.MaxLimit}"];
            }
        }

        if (search.Text(query, "cursor", 128) is { } cursor)
        {
            if (OrderCursor.TryDecode(cursor, out var after))
            {
                search.After = after;
            }
            else
            {
                search.Errors["cursor"] = ["is not a cursor this API gave (use the previous page's next)"];
            }
        }

        return search;
    }

    public IQueryable<OrderState> Apply(IQueryable<OrderState> orders)
    {
        if (UserId is not null)
        {
            orders = orders.Where(o => o.UserId == UserId);
        }

        if (ProviderOrderId is not null)
        {
            orders = orders.Where(o => o.ProviderOrderId == ProviderOrderId);
        }

        if (Provider is not null)
        {
            orders = orders.Where(o => o.Provider == Provider);
        }

        if (Account is not null)
        {
            orders = orders.Where(o => o.Account == Account);
        }

        if (Environment is not null)
        {
            orders = orders.Where(o => o.Environment == Environment);
        }

        if (State is not null)
        {
            orders = orders.Where(o => o.CurrentState == State);
        }

        if (Blocked is { } blocked)
        {
            orders = orders.Where(blocked ? OrderQueryRules.Blocked : OrderQueryRules.NotBlocked);
        }

        if (AwaitingDetails is { } awaiting)
        {
            orders = orders.Where(awaiting ? OrderQueryRules.AwaitingDetails : OrderQueryRules.NotAwaitingDetails);
        }

        if (After is { } after)
        {
            var at = after.UpdatedAt;
            var id = after.OrderId;
            orders = orders.Where(o => o.UpdatedAt < at || (o.UpdatedAt == at && o.CorrelationId.CompareTo(id) < 0));
        }

        return orders;
    }

    /// <summary>A parameter given once, not empty, within <paramref name="limit"/>; null when absent.</summary>
    private string? Text(IQueryCollection query, string name, int limit)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            Errors[name] = ["must be given once and not be empty"];
            return null;
        }

        if (values[0]!.Length > limit)
        {
            Errors[name] = [$"must not be longer than {limit} characters"];
            return null;
        }

        return values[0];
    }

    private bool? Flag(IQueryCollection query, string name) =>
        Text(query, name, 8) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail(name),
        };

    private bool? Fail(string name)
    {
        Errors[name] = ["must be true or false"];
        return null;
    }
}

/// <summary>Answer of <c>GET /orders</c>: a page, and the cursor of the next one (null on the last page).</summary>
public sealed record OrderSearchPage
{
    public required IReadOnlyList<OrderSummary> Orders { get; init; }
    public required string? Next { get; init; }
}

/// <summary>One order in a listing: the order view's fields without items and timeline.</summary>
public sealed record OrderSummary
{
    public required Guid OrderId { get; init; }
    public required string Provider { get; init; }
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string ProviderOrderId { get; init; }
    public string? UserId { get; init; }
    public required string Status { get; init; }
    public string? Amount { get; init; }
    public string? PaidAmount { get; init; }
    public string? Currency { get; init; }
    public required bool Granted { get; init; }
    public required bool Revoked { get; init; }
    public required bool Blocked { get; init; }
    public required bool AwaitingDetails { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public static OrderSummary From(OrderState order) => new()
    {
        OrderId = order.CorrelationId,
        Provider = order.Provider,
        Account = order.Account,
        Environment = order.Environment,
        ProviderOrderId = order.ProviderOrderId,
        UserId = order.UserId,
        Status = order.CurrentState.ToLowerInvariant(),
        Amount = order.RegisteredAmount,
        PaidAmount = order.PaidAmount,
        Currency = order.Currency,
        Granted = order.Granted,
        Revoked = order.Revoked,
        Blocked = OrderLifecycle.Blocked(order),
        AwaitingDetails = OrderLifecycle.AwaitingDetails(order),
        CreatedAt = order.CreatedAt,
        UpdatedAt = order.UpdatedAt,
    };
}
