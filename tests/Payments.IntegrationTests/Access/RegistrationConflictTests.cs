using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Payments.IntegrationTests.Access;

/// <summary>
/// A registration cannot be taken over: once an order is registered, <c>POST /orders</c> with another user, other
/// items or another amount answers 409 with the registration that stands, and the timeline records the attempt;
/// the same registration again stays 202.
/// </summary>
public sealed class RegistrationConflictTests(SecuredStandalone host) : IClassFixture<SecuredStandalone>
{
    [Fact]
    public async Task A_second_registration_with_other_details_is_refused_and_the_grant_goes_to_the_first_user()
    {
        using var client = host.Current.Client(host.Url, TimeSpan.FromSeconds(30));
        var first = Registration("conflict-1", "first-player", "sword", amount: "100.00");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/orders", first)).StatusCode);
        await host.WaitForOrderAsync(client, "conflict-1", o => o.GetProperty("userId").GetString() == "first-player");

        // The same registration again (the amount written another way is the same amount): still 202.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/orders", first)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/orders", Registration("conflict-1", "first-player", "sword", amount: "100.0"))).StatusCode);

        foreach (var (other, what) in new[]
        {
            (Registration("conflict-1", "second-player", "sword", amount: "100.00"), "user"),
            (Registration("conflict-1", "first-player", "shield", amount: "100.00"), "items"),
            (Registration("conflict-1", "first-player", "sword", amount: "1.00"), "amount"),
        })
        {
            using var response = await client.PostAsJsonAsync("/orders", other);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"another {what}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var registration = JsonDocument.Parse(body).RootElement.GetProperty("registration");
            Assert.Equal("first-player", registration.GetProperty("userId").GetString());
            Assert.Equal("sword", registration.GetProperty("items")[0].GetProperty("sku").GetString());
            Assert.Equal("100.00", registration.GetProperty("amount").GetString());
        }

        // Each refusal is in the timeline, and the registration that stands is unchanged.
        var order = await host.WaitForOrderAsync(client, "conflict-1", o => Refusals(o) >= 3);
        Assert.Equal(3, Refusals(order));
        Assert.Equal("first-player", order.GetProperty("userId").GetString());

        // The provider's payment grants to the first registration's user only.
        using (var webhook = SecuredStandalone.RuStoreWebhook("conflict-1", "confirmed", "sword"))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(webhook)).StatusCode);
        }

        await host.WaitForOrderAsync(client, "conflict-1", o => o.GetProperty("granted").GetBoolean());
        var orderId = order.GetProperty("orderId").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!JsonDocument.Parse(await client.GetStringAsync("/users/first-player/entitlements")).RootElement
                   .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("orderId").GetGuid() == orderId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the grant never reached first-player\n{host.RecentOutput}");
            await Task.Delay(100);
        }

        var second = JsonDocument.Parse(await client.GetStringAsync("/users/second-player/entitlements")).RootElement;
        Assert.Empty(second.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_order_for_an_account_no_provider_has_is_404_and_another_letter_case_is_the_configured_account()
    {
        using var client = host.Current.Client(host.Url, TimeSpan.FromSeconds(30));
        using (var known = await client.PostAsJsonAsync("/orders", Registration("account-1", "acct-player", "sword", "1.00")))
        {
            Assert.Equal(HttpStatusCode.Accepted, known.StatusCode); // "demo" is configured
        }

        var stranger = new { provider = "rustore", account = "nobody", providerOrderId = "account-2", userId = "acct-player", items = new[] { new { sku = "sword", quantity = 1 } } };
        using (var refused = await client.PostAsJsonAsync("/orders", stranger))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Contains("rustore has no account 'nobody'; configured: demo", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var shouting = new { provider = "rustore", account = "DEMO", providerOrderId = "account-3", userId = "acct-player", items = new[] { new { sku = "sword", quantity = 1 } } };
        using (var accepted = await client.PostAsJsonAsync("/orders", shouting))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        // Filed under the configured name, so the provider's notification (which Ingress files the same way) meets it.
        var order = await host.WaitForOrderAsync(client, "account-3", _ => true);
        Assert.Equal("demo", order.GetProperty("account").GetString());
        using (var webhook = SecuredStandalone.RuStoreWebhook("account-3", "confirmed", "sword"))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(webhook)).StatusCode);
        }

        await host.WaitForOrderAsync(client, "account-3", o => o.GetProperty("granted").GetBoolean());
    }

    private static int Refusals(JsonElement order) =>
        order.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("event").GetString() == "order.placed" && !e.GetProperty("applied").GetBoolean()
                && e.GetProperty("reason").GetString() is { } reason && reason.Contains("other details", StringComparison.Ordinal))
            .Sum(e => 1 + e.GetProperty("duplicates").GetInt32());

    private static object Registration(string orderId, string userId, string sku, string amount) => new
    {
        provider = "rustore",
        account = "demo",
        providerOrderId = orderId,
        userId,
        items = new[] { new { sku, quantity = 1 } },
        amount,
        currency = "RUB",
    };
}
