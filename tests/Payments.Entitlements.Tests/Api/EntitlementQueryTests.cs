using Payments.Testing;
using System.Net;
using System.Text.Json;
using Payments.Contracts;
using Payments.Entitlements.Tests.Support;

namespace Payments.Entitlements.Tests.Api;

/// <summary><c>GET /users/{userId}/entitlements[/history]</c> and <c>PUT /users/{userId}</c> as a game backend sees them.</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class EntitlementQueryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private EntitlementsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EntitlementsTestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("entitlements"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_sandbox_grant_Should_be_listed_in_sandbox_and_never_in_production()
    {
        await GrantAsync(TestOrders.Paid("user-env", "order-live", PaymentEnvironments.Production, ("sword", 1)));
        await GrantAsync(TestOrders.Paid("user-env", "order-test", PaymentEnvironments.Sandbox, ("sword", 5), ("gem", 9)));

        var production = await _host.GetJsonAsync("/users/user-env/entitlements?environment=production");
        var byDefault = await _host.GetJsonAsync("/users/user-env/entitlements");
        var sandbox = await _host.GetJsonAsync("/users/user-env/entitlements?environment=sandbox");

        Assert.Equal([("sword", 1)], Totals(production));
        Assert.Equal(Lines(production), Lines(byDefault));
        Assert.Equal("production", production.GetProperty("environment").GetString());
        Assert.Equal([TestOrders.Reference("order-live").ToOrderId()], production.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetGuid()));
        Assert.Equal([("gem", 9), ("sword", 5)], Totals(sandbox));
        Assert.All(sandbox.GetProperty("items").EnumerateArray(), i => Assert.Equal(TestOrders.Reference("order-test", PaymentEnvironments.Sandbox).ToOrderId(), i.GetProperty("orderId").GetGuid()));

        var productionHistory = await _host.GetJsonAsync("/users/user-env/entitlements/history");
        Assert.Equal(["sword"], productionHistory.GetProperty("grants").EnumerateArray().Select(g => g.GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task Items_Should_list_each_active_grant_and_totals_Should_sum_them_per_sku()
    {
        await GrantAsync(TestOrders.Paid("user-sum", "order-a", items: [("sword", 1), ("shield", 1)]));
        await GrantAsync(TestOrders.Paid("user-sum", "order-b", items: [("sword", 2)]));
        var refunded = TestOrders.Paid("user-sum", "order-c", items: [("sword", 4)]);
        await GrantAsync(refunded);
        await _host.InConcurrentScopesAsync(1, (ledger, _) => ledger.RevokeAsync(TestOrders.Revoked(refunded), CancellationToken.None));

        var answer = await _host.GetJsonAsync("/users/user-sum/entitlements");

        Assert.Equal("user-sum", answer.GetProperty("userId").GetString());
        // Lines come sorted by sku; two lines of one sku with the same grant time come in order-id order.
        Assert.Equal(["shield", "sword", "sword"], Lines(answer).Select(l => l.Sku));
        Assert.Equal([("shield", 1), ("sword", 1), ("sword", 2)], Lines(answer).Select(l => (l.Sku, l.Quantity)).Order());
        Assert.All(answer.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.NotEqual(Guid.Empty, i.GetProperty("orderId").GetGuid());
            Assert.Equal(TestOrders.PaidAt, i.GetProperty("grantedAt").GetDateTimeOffset());
        });
        Assert.Equal([("shield", 1), ("sword", 3)], Totals(answer));

        var history = (await _host.GetJsonAsync("/users/user-sum/entitlements/history")).GetProperty("grants").EnumerateArray().ToList();
        Assert.Equal(4, history.Count);
        var revoked = Assert.Single(history, g => !g.GetProperty("active").GetBoolean());
        Assert.Equal((refunded.OrderId, 4, "refunded"), (revoked.GetProperty("orderId").GetGuid(), revoked.GetProperty("quantity").GetInt32(), revoked.GetProperty("revokeReason").GetString()));
        Assert.All(history.Where(g => g.GetProperty("active").GetBoolean()), g => Assert.Equal(JsonValueKind.Null, g.GetProperty("revokedAt").ValueKind));
    }

    [Fact]
    public async Task A_user_without_grants_Should_get_200_and_empty_lists()
    {
        var answer = await _host.GetJsonAsync($"/users/{new string('u', 128)}/entitlements");

        Assert.Empty(answer.GetProperty("items").EnumerateArray());
        Assert.Empty(answer.GetProperty("totals").EnumerateArray());
    }

    [Theory]
    [InlineData("/users/u1/entitlements?environment=staging")]
    [InlineData("/users/u1/entitlements/history?environment=Production")]
    [InlineData("/users/%20/entitlements")]
    public async Task A_bad_environment_or_user_id_Should_get_400(string path)
    {
        using var response = await _host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_user_id_longer_than_the_limit_Should_get_400_everywhere_and_one_of_the_limit_is_taken()
    {
        var tooLong = new string('u', Payments.Contracts.FieldLimits.UserId + 1);
        using (var longest = await _host.Http.PutAsync($"/users/{new string('u', Payments.Contracts.FieldLimits.UserId)}", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, longest.StatusCode);
        }

        using var active = await _host.Http.GetAsync($"/users/{tooLong}/entitlements");
        using var history = await _host.Http.GetAsync($"/users/{tooLong}/entitlements/history");
        using var register = await _host.Http.PutAsync($"/users/{tooLong}", content: null);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], new[] { active.StatusCode, history.StatusCode, register.StatusCode });
    }

    [Fact]
    public async Task The_history_of_a_user_never_seen_Should_be_404_and_of_a_registered_user_200()
    {
        using var unknown = await _host.Http.GetAsync("/users/nobody/entitlements/history");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        using var register = await _host.Http.PutAsync("/users/somebody", content: null);
        using var again = await _host.Http.PutAsync("/users/somebody", content: null);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (register.StatusCode, again.StatusCode));

        var history = await _host.GetJsonAsync("/users/somebody/entitlements/history");
        Assert.Empty(history.GetProperty("grants").EnumerateArray());
    }

    private async Task GrantAsync(Contracts.Orders.OrderPaid paid) =>
        await _host.InConcurrentScopesAsync(1, (ledger, _) => ledger.GrantAsync(paid, CancellationToken.None));

    private static List<(string Sku, int Quantity)> Totals(JsonElement answer) =>
        answer.GetProperty("totals").EnumerateArray().Select(t => (t.GetProperty("sku").GetString()!, t.GetProperty("quantity").GetInt32())).ToList();

    private static List<(string Sku, int Quantity, Guid OrderId)> Lines(JsonElement answer) =>
        answer.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("quantity").GetInt32(), i.GetProperty("orderId").GetGuid()))
            .ToList();
}
