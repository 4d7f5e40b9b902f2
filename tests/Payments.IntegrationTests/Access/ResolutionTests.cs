using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payments.Contracts.Access;

namespace Payments.IntegrationTests.Access;

/// <summary>
/// Nothing is granted that was not paid for, end to end: a RuStore payment for another product than the registered
/// one blocks the grant, and an operator with <c>orders:resolve</c> settles it through the API.
/// </summary>
public sealed class ResolutionTests(SecuredStandalone host) : IClassFixture<SecuredStandalone>
{
    [Fact]
    public async Task A_product_mismatch_blocks_the_grant_until_an_operator_resolves_it()
    {
        using var game = host.Current.Client(host.Url, TimeSpan.FromSeconds(30));
        using var resolver = host.Only[Scopes.OrdersResolve].Client(host.Url, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Accepted, (await game.PostAsJsonAsync("/orders", Registration("resolve-1", "resolve-player", "sword"))).StatusCode);
        await host.WaitForOrderAsync(game, "resolve-1", o => o.GetProperty("status").GetString() == "placed");

        // Nothing to resolve yet.
        using (var early = await resolver.PostAsJsonAsync("/orders/rustore/demo/resolve-1/resolve", new { action = "grant-as-registered" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var webhook = SecuredStandalone.RuStoreWebhook("resolve-1", "confirmed", "shield"))
        {
            Assert.Equal(HttpStatusCode.OK, (await game.SendAsync(webhook)).StatusCode);
        }

        var blocked = await host.WaitForOrderAsync(game, "resolve-1", o => o.GetProperty("blocked").GetBoolean());
        Assert.True(blocked.GetProperty("itemMismatch").GetBoolean());
        Assert.False(blocked.GetProperty("granted").GetBoolean());
        Assert.Equal("paid", blocked.GetProperty("status").GetString());

        // A key without orders:resolve cannot; a bad action is named.
        using var withoutTheScope = host.AllBut[Scopes.OrdersResolve].Client(host.Url, TimeSpan.FromSeconds(30));
        using (var refused = await withoutTheScope.PostAsJsonAsync("/orders/rustore/demo/resolve-1/resolve", new { action = "grant-as-registered" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var bad = await resolver.PostAsJsonAsync("/orders/rustore/demo/resolve-1/resolve", new { action = "grant-anyway" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("grant-as-registered, grant-as-paid, cancel", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var resolve = await resolver.PostAsJsonAsync("/orders/rustore/demo/resolve-1/resolve", new { action = "grant-as-registered" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, resolve.StatusCode);
        }

        var resolved = await host.WaitForOrderAsync(game, "resolve-1", o => o.GetProperty("granted").GetBoolean());
        Assert.Equal("grant-as-registered", resolved.GetProperty("resolution").GetString());
        var who = $"grant-as-registered (asked by {host.Only[Scopes.OrdersResolve].Name})";
        Assert.Contains(resolved.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "order.resolved" && e.GetProperty("reason").GetString() == who);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!JsonDocument.Parse(await game.GetStringAsync("/users/resolve-player/entitlements")).RootElement.GetProperty("items").EnumerateArray()
                   .Any(i => i.GetProperty("sku").GetString() == "sword"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the registered item was never granted\n{host.RecentOutput}");
            await Task.Delay(100);
        }
    }

    private static object Registration(string orderId, string userId, string sku) => new
    {
        provider = "rustore",
        account = "demo",
        providerOrderId = orderId,
        userId,
        items = new[] { new { sku, quantity = 1 } },
    };
}
