using System.Net;
using Payments.Scenarios.Running;
using Payments.Testing;

namespace Payments.IntegrationTests;

[Collection("infrastructure")]
[Trait(Needs.Trait, Needs.RabbitMq)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class MultiProcessPaymentPathTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_confirmed_RuStore_payment_grants_the_item_across_four_processes_over_RabbitMQ_and_PostgreSQL()
    {
        await using var system = await DistributedSystem.StartAsync(infrastructure);
        Assert.Equal(4, system.Processes.Select(p => p.ProcessId).Distinct().Count());

        await PaymentPath.PlaceOrderAsync(new Uri(system.Orders.Url), DistributedSystem.Account, "order-1", "user-1", "sword");
        var answer = await PaymentPath.SendRuStoreAsync(new Uri(system.Ingress.Url), DistributedSystem.Account, DistributedSystem.RuStoreKey, "order-1", "confirmed", "sword");
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"Ingress answered {answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{system.Output()}");

        var items = await PaymentPath.WaitForEntitlementAsync(new Uri(system.Entitlements.Url), "user-1", "sword", system.Output);
        Assert.Single(items.GetProperty("items").EnumerateArray());

        PaymentPath.AssertPaidWithTimeline(await PaymentPath.GetOrderAsync(new Uri(system.Orders.Url), DistributedSystem.Account, "order-1"), "user-1", "sword");

        // Configured only through environment variables, each API host refuses a caller without its key.
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(new Uri(system.Orders.Url), $"/orders/rustore/{DistributedSystem.Account}/order-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(new Uri(system.Entitlements.Url), "/users/user-1/entitlements"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync(new Uri(new Uri(system.Entitlements.Url), "/users/intruder"), null)).StatusCode);
    }
}
