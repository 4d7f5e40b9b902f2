using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payments.Contracts;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>
/// Each limit of README "Field limits" through the whole pipeline, four processes over RabbitMQ and PostgreSQL:
/// a value of exactly the limit is stored and granted, one character more is refused at the edge — by
/// <c>POST /orders</c> and by Ingress before any success answer — and nothing ends in an error queue.
/// </summary>
[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class FieldLimitPipelineTests(InfrastructureFixture infrastructure)
{
    private const string Account = DistributedSystem.Account;

    [Fact]
    public async Task Values_of_the_limit_are_granted_and_one_character_more_is_refused_before_any_success_answer()
    {
        await using var system = await DistributedSystem.StartAsync(infrastructure);
        using var orders = ApiCredentials.Tests.Client(new Uri(system.Orders.Url), TimeSpan.FromSeconds(30));
        using var entitlements = ApiCredentials.Tests.Client(new Uri(system.Entitlements.Url), TimeSpan.FromSeconds(30));
        using var ingress = new HttpClient { BaseAddress = new Uri(system.Ingress.Url), Timeout = TimeSpan.FromSeconds(30) };

        var orderId = Long('o', FieldLimits.ProviderId);
        var userId = Long('u', FieldLimits.UserId);
        var sku = Long('s', FieldLimits.Sku);

        // At the limit: registered, paid, granted, with every value intact.
        using (var placed = await orders.PostAsJsonAsync("/orders", Registration(orderId, userId, sku)))
        {
            Assert.True(placed.StatusCode == HttpStatusCode.Accepted, $"{placed.StatusCode}: {await placed.Content.ReadAsStringAsync()}\n{system.Output()}");
        }

        using (var paid = await ingress.SendAsync(RuStore(orderId, sku, invoiceId: Long('i', FieldLimits.ProviderId))))
        {
            Assert.True(paid.StatusCode == HttpStatusCode.OK, $"{paid.StatusCode}: {await paid.Content.ReadAsStringAsync()}\n{system.Output()}");
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!JsonDocument.Parse(await entitlements.GetStringAsync($"/users/{userId}/entitlements")).RootElement
                   .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("sku").GetString() == sku))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the item of the limit-length order was never granted\n{system.Output()}");
            await Task.Delay(200);
        }

        // One more character: refused by the order API, field by field.
        foreach (var (body, field) in new[]
        {
            (Registration(Long('o', FieldLimits.ProviderId + 1), userId, sku), "providerOrderId"),
            (Registration(Long('p', 20), Long('u', FieldLimits.UserId + 1), sku), "userId"),
            (Registration(Long('q', 20), userId, Long('s', FieldLimits.Sku + 1)), "items"),
        })
        {
            using var refused = await orders.PostAsJsonAsync("/orders", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(field, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // …and by Ingress, with RuStore's 400, never its 200.
        foreach (var notification in new[]
        {
            RuStore(Long('o', FieldLimits.ProviderId + 1), sku),
            RuStore(Long('r', 20), Long('s', FieldLimits.Sku + 1)),
            RuStore(Long('t', 20), sku, invoiceId: Long('i', FieldLimits.ProviderId + 1)),
        })
        {
            using var refused = await ingress.SendAsync(notification);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"Ingress answered {refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
        }

        // Nothing the system accepted failed downstream.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var queues = await infrastructure.RabbitMq.QueuesAsync();
        var errors = queues.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) && q.Value > 0).ToList();
        Assert.True(errors.Count == 0, $"messages in error queues: {string.Join(", ", errors.Select(e => $"{e.Key}={e.Value}"))}\n{system.Output()}");
    }

    private static string Long(char c, int length) => new(c, length);

    private static object Registration(string orderId, string userId, string sku) => new
    {
        provider = "rustore",
        account = Account,
        providerOrderId = orderId,
        userId,
        items = new[] { new { sku, quantity = 1 } },
    };

    private static HttpRequestMessage RuStore(string orderId, string sku, string? invoiceId = null) =>
        PaymentPath.RuStoreNotification(
            Account, DistributedSystem.RuStoreKey, orderId, "confirmed", sku, invoiceId ?? $"inv-{Guid.NewGuid():N}", $"pur-{Guid.NewGuid():N}", $"n-{Guid.NewGuid():N}").ToHttpRequest();
}
