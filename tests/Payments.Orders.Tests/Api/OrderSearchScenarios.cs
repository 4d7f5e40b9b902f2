using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Orders.Lifecycle;
using Payments.Orders.Saga;

namespace Payments.Orders.Tests.Api;

/// <summary>
/// <c>GET /orders</c> and <c>GET /orders/by-id/{orderId}</c>, the same cases on every database (the subclasses pick
/// it): filters run in SQL (EF Core throws on a filter it cannot translate), and the SQL rules for <c>blocked</c> and
/// <c>awaitingDetails</c> agree with the order view's.
/// </summary>
public abstract class OrderSearchScenarios : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);

    private OrdersApiHost _host = null!;

    protected OrdersApiHost Host => _host;

    protected abstract Task<OrdersApiHost> StartAsync();

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Filters_Should_combine_with_AND_and_list_newest_first()
    {
        OrderState[] orders =
        [
            Order("a1", At, user: "alice", state: "Paid", provider: "rustore", account: "Game"),
            Order("a2", At.AddMinutes(1), user: "alice", state: "Placed", provider: "rustore", account: "Game"),
            Order("a3", At.AddMinutes(2), user: "alice", state: "Paid", provider: "xsolla", account: "shop", environment: PaymentEnvironments.Sandbox),
            Order("b1", At.AddMinutes(3), user: "bob", state: "Paid", provider: "rustore", account: "Game"),
            Order("b2", At.AddMinutes(4), user: "bob", state: "Refunded", provider: "xsolla", account: "shop"),
        ];
        await _host.AddAsync(orders);

        Assert.Equal(["b2", "b1", "a3", "a2", "a1"], await IdsAsync("/orders"));
        Assert.Equal(["a3", "a2", "a1"], await IdsAsync("/orders?userId=alice"));
        Assert.Equal(["a3", "a1"], await IdsAsync("/orders?userId=alice&status=paid"));
        Assert.Equal(["a1"], await IdsAsync("/orders?userId=alice&status=paid&provider=rustore"));
        // The account in another letter case is the configured one, as GET /orders/{provider}/{account}/… takes it.
        Assert.Equal(["b1", "a2", "a1"], await IdsAsync("/orders?provider=rustore&account=game"));
        Assert.Equal(["a3"], await IdsAsync("/orders?environment=sandbox"));
        Assert.Equal(["b2", "b1", "a2", "a1"], await IdsAsync("/orders?environment=production"));
        Assert.Equal(["b2"], await IdsAsync("/orders?providerOrderId=b2"));
        Assert.Equal(["b2"], await IdsAsync("/orders?status=refunded&account=shop"));
        Assert.Empty(await IdsAsync("/orders?userId=alice&status=refunded"));
        Assert.Empty(await IdsAsync("/orders?userId=nobody"));
    }

    [Fact]
    public async Task A_summary_Should_carry_the_order_view_fields()
    {
        var order = Order("sum-1", At.AddSeconds(30), user: "carol", state: "Paid");
        order.RegisteredAmount = "10.00";
        order.PaidAmount = "9.00";
        order.Currency = "RUB";
        order.AmountMismatch = true;
        order.CreatedAt = At;
        await _host.AddAsync(order);

        var (status, body, _) = await _host.GetAsync("/orders?providerOrderId=sum-1");

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
        var summary = Assert.Single(body.GetProperty("orders").EnumerateArray());
        Assert.Equal(
            ["orderId", "provider", "account", "environment", "providerOrderId", "userId", "status", "amount", "paidAmount", "currency", "granted", "revoked",
             "blocked", "awaitingDetails", "createdAt", "updatedAt"],
            summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(order.CorrelationId, summary.GetProperty("orderId").GetGuid());
        Assert.Equal(("rustore", "Game", "production", "carol", "paid"), (S(summary, "provider"), S(summary, "account"), S(summary, "environment"), S(summary, "userId"), S(summary, "status")));
        Assert.Equal(("10.00", "9.00", "RUB"), (S(summary, "amount"), S(summary, "paidAmount"), S(summary, "currency")));
        Assert.True(summary.GetProperty("blocked").GetBoolean());
        Assert.False(summary.GetProperty("awaitingDetails").GetBoolean());
        Assert.Equal(At, summary.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(At.AddSeconds(30), summary.GetProperty("updatedAt").GetDateTimeOffset());
    }

    /// <summary>Every combination of the facts the two rules read: the SQL filter selects exactly what the view shows.</summary>
    [Fact]
    public async Task The_SQL_rules_for_blocked_and_awaitingDetails_Should_agree_with_the_view()
    {
        var orders = new List<OrderState>();
        var n = 0;
        foreach (var state in new[] { "Paid", "Placed" })
        foreach (var granted in new[] { false, true })
        foreach (var user in new[] { null, "dave" })
        foreach (var items in new[] { false, true })
        foreach (var amountMismatch in new[] { false, true })
        foreach (var itemMismatch in new[] { false, true })
        foreach (var resolution in new[] { null, Payments.Contracts.Orders.OrderResolutionRequested.Cancel })
        {
            var order = Order($"rule-{n}", At.AddSeconds(n), user: user, state: state);
            n++;
            order.Granted = granted;
            order.Items = items ? [new OrderItem { Sku = "sword", Quantity = 1 }] : [];
            order.AmountMismatch = amountMismatch;
            order.ItemMismatch = itemMismatch;
            order.Resolution = resolution;
            orders.Add(order);
        }

        await _host.AddAsync([.. orders]);
        var all = orders.ToDictionary(o => o.ProviderOrderId);

        foreach (var flag in new[] { true, false })
        {
            var blocked = await IdsAsync($"/orders?blocked={(flag ? "true" : "false")}&limit=200");
            Assert.Equal(all.Values.Where(o => OrderLifecycle.Blocked(o) == flag).Select(o => o.ProviderOrderId).Order(), blocked.Order());

            var awaiting = await IdsAsync($"/orders?awaitingDetails={(flag ? "true" : "false")}&limit=200");
            Assert.Equal(all.Values.Where(o => OrderLifecycle.AwaitingDetails(o) == flag).Select(o => o.ProviderOrderId).Order(), awaiting.Order());
        }

        // Both sides are non-trivial, and the summaries show the view's values.
        Assert.Contains(orders, OrderLifecycle.Blocked);
        Assert.Contains(orders, OrderLifecycle.AwaitingDetails);
        var (_, page, _) = await _host.GetAsync("/orders?limit=200");
        Assert.All(page.GetProperty("orders").EnumerateArray(), o =>
        {
            var seeded = all[S(o, "providerOrderId")!];
            Assert.Equal(OrderLifecycle.Blocked(seeded), o.GetProperty("blocked").GetBoolean());
            Assert.Equal(OrderLifecycle.AwaitingDetails(seeded), o.GetProperty("awaitingDetails").GetBoolean());
        });

        // The rules straight on the database too, without the API.
        var sqlBlocked = await _host.QueryAsync(db => db.Orders.Where(OrderQueryRules.Blocked).Select(o => o.ProviderOrderId).ToListAsync());
        var sqlAwaiting = await _host.QueryAsync(db => db.Orders.Where(OrderQueryRules.AwaitingDetails).Select(o => o.ProviderOrderId).ToListAsync());
        Assert.Equal(orders.Where(OrderLifecycle.Blocked).Select(o => o.ProviderOrderId).Order(), sqlBlocked.Order());
        Assert.Equal(orders.Where(OrderLifecycle.AwaitingDetails).Select(o => o.ProviderOrderId).Order(), sqlAwaiting.Order());
    }

    [Fact]
    public async Task Pages_Should_follow_updatedAt_then_orderId_and_hold_while_orders_change()
    {
        // Sub-second times (…00.49, …00.5, a microsecond apart: PostgreSQL keeps microseconds), three of them equal.
        DateTimeOffset[] times = [At, At.AddMilliseconds(490), At.AddMilliseconds(500), At.AddMilliseconds(500), At.AddMilliseconds(500), At.AddSeconds(1), At.AddSeconds(1).AddTicks(10)];
        var orders = times.Select((time, i) => Order($"page-{i}", time, user: "erin")).ToList();
        await _host.AddAsync([.. orders]);
        var expected = orders
            .OrderByDescending(o => o.UpdatedAt)
            .ThenByDescending(o => o.CorrelationId.ToString(), StringComparer.Ordinal)
            .Select(o => o.ProviderOrderId)
            .ToList();

        var (_, first, _) = await _host.GetAsync("/orders?userId=erin&limit=3");
        var firstIds = Ids(first);
        Assert.Equal(expected.Take(3), firstIds);
        var cursor = first.GetProperty("next").GetString();
        Assert.False(string.IsNullOrEmpty(cursor));

        // An order of the next page changes (becomes the newest) between two page reads: the next page goes on where the
        // first ended, so nothing of the first page comes again and only the moved order is not met twice.
        var moved = expected[4];
        await _host.QueryAsync(async db =>
        {
            var row = await db.Orders.SingleAsync(o => o.ProviderOrderId == moved);
            row.UpdatedAt = At.AddMinutes(5);
            return await db.SaveChangesAsync();
        });

        var seen = new List<string>(firstIds);
        while (cursor is not null)
        {
            var (status, page, _) = await _host.GetAsync($"/orders?userId=erin&limit=3&cursor={Uri.EscapeDataString(cursor)}");
            Assert.Equal(200, status);
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        Assert.Equal(expected.Where(id => id != moved), seen);
        Assert.Equal(moved, (await IdsAsync("/orders?userId=erin&limit=1")).Single());
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("status=Paid", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("blocked=yes", "blocked")]
    [InlineData("awaitingDetails=1", "awaitingDetails")]
    [InlineData("environment=staging", "environment")]
    [InlineData("provider=paypal", "provider")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=djE6MTIzOm5vdC1hLWd1aWQ", "cursor")]
    [InlineData("userId=", "userId")]
    [InlineData("userId=a&userId=b", "userId")]
    public async Task A_bad_parameter_Should_get_a_400_validation_problem_naming_it(string query, string field)
    {
        var (status, body, contentType) = await _host.GetAsync($"/orders?{query}");

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal([field], body.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Ids_at_the_field_limits_Should_be_searched_and_one_more_character_refused()
    {
        var (atLimit, _, _) = await _host.GetAsync($"/orders?userId={new string('u', FieldLimits.UserId)}&providerOrderId={new string('p', FieldLimits.ProviderId)}");
        var (userTooLong, user, _) = await _host.GetAsync($"/orders?userId={new string('u', FieldLimits.UserId + 1)}");
        var (orderTooLong, order, _) = await _host.GetAsync($"/orders?providerOrderId={new string('p', FieldLimits.ProviderId + 1)}");

        Assert.Equal((200, 400, 400), (atLimit, userTooLong, orderTooLong));
        Assert.True(user.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.True(order.GetProperty("errors").TryGetProperty("providerOrderId", out _));
    }

    [Fact]
    public async Task By_id_Should_answer_what_the_natural_key_route_answers_and_404_when_unknown()
    {
        var order = Order("by-id-1", At, user: "frank", state: "Paid");
        order.Items = [new OrderItem { Sku = "shield", Quantity = 2 }];
        order.Timeline = [new TimelineEntry { At = At, Event = TimelineEvents.OrderPlaced, Source = "api", Applied = true }];
        await _host.AddAsync(order);

        var (byIdStatus, byId, _) = await _host.GetAsync($"/orders/by-id/{order.CorrelationId}");
        var (byKeyStatus, byKey, _) = await _host.GetAsync("/orders/rustore/Game/by-id-1");
        var (unknown, problem, contentType) = await _host.GetAsync($"/orders/by-id/{Guid.NewGuid()}");

        Assert.Equal((200, 200), (byIdStatus, byKeyStatus));
        Assert.Equal(byKey.GetRawText(), byId.GetRawText());
        Assert.Equal("frank", S(byId, "userId"));
        Assert.Equal((404, "application/problem+json"), (unknown, contentType));
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    private async Task<List<string>> IdsAsync(string path)
    {
        var (status, body, _) = await _host.GetAsync(path);
        Assert.True(status == 200, $"{path}: {status} {body}");
        return Ids(body);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("orders").EnumerateArray().Select(o => S(o, "providerOrderId")!)];

    private static string? S(JsonElement element, string name) => element.GetProperty(name).GetString();

    protected static OrderState Order(
        string providerOrderId, DateTimeOffset updatedAt, string? user = null, string state = "Placed", string provider = "rustore", string account = "Game",
        string environment = PaymentEnvironments.Production)
    {
        var reference = new OrderReference { Provider = provider, Account = account, Environment = environment, ProviderOrderId = providerOrderId };
        return new OrderState
        {
            CorrelationId = reference.ToOrderId(),
            CurrentState = state,
            Provider = provider,
            Account = account,
            Environment = environment,
            ProviderOrderId = providerOrderId,
            UserId = user,
            Items = user is null ? [] : [new OrderItem { Sku = "sword", Quantity = 1 }],
            CreatedAt = updatedAt.AddMinutes(-1),
            UpdatedAt = updatedAt,
        };
    }
}
