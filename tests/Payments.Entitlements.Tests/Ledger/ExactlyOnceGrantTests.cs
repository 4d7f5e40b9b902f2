using Payments.Testing;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Entitlements.Tests.Support;
using Xunit.Abstractions;

namespace Payments.Entitlements.Tests.Ledger;

/// <summary>One OrderPaid delivered many times at once, against PostgreSQL: one grant per (order, sku), re-announced every time.</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class ExactlyOnceGrantTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Deliveries = 20;

    private EntitlementsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EntitlementsTestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("entitlements"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task When_the_same_OrderPaid_is_delivered_20_times_at_once_Should_grant_each_line_once_and_announce_it_on_every_delivery()
    {
        var paid = TestOrders.Paid("user-20", "order-20", items: [("sword", 1), ("gem", 50)]);

        _host.PaidDeliveries.HoldEachUntil(Deliveries);
        await _host.DeliverConcurrentlyAsync(paid, Deliveries);
        await _host.PaidDeliveries.WaitForCompletedAsync(Deliveries);
        await _host.Downstream.SettleAsync(log => log.Of<EntitlementGranted>().Count >= 2 * Deliveries || !log.Faults.IsEmpty, "every grant announced on every delivery");

        output.WriteLine($"{Deliveries} deliveries: at most {_host.PaidDeliveries.Peak} at once, {_host.PaidDeliveries.Faulted} attempts retried by the bus");
        Assert.Empty(_host.Downstream.Faults);
        Assert.True(_host.PaidDeliveries.Peak >= Deliveries / 2, $"only {_host.PaidDeliveries.Peak} deliveries overlapped, so they hardly raced");

        var lines = await _host.GrantsOfAsync(paid.OrderId);
        Assert.Equal(["gem", "sword"], lines.Select(l => l.Sku));
        Assert.Equal([50, 1], lines.Select(l => l.Quantity));
        Assert.All(lines, l => Assert.True(l.IsActive));
        Assert.Equal(1, await _host.QueryAsync(db => db.Orders.CountAsync(o => o.OrderId == paid.OrderId)));

        // Re-emission: every delivery announces every line again, under the same derived message id.
        var granted = _host.Downstream.Of<EntitlementGranted>();
        Assert.Equal(2 * Deliveries, granted.Count);
        foreach (var sku in new[] { "sword", "gem" })
        {
            var announcements = granted.Where(g => g.Message.Sku == sku).ToList();
            Assert.Equal(Deliveries, announcements.Count);
            Assert.Equal(NameBasedGuid.Create(NameBasedGuid.Derived, $"{paid.OrderId}/{sku}/granted"), Assert.Single(announcements.Select(a => a.MessageId).Distinct()));
            Assert.All(announcements, a => Assert.Equal(("user-20", paid.OrderId, "production"), (a.Message.UserId, a.Message.OrderId, a.Message.Environment)));
        }

        var items = await _host.GetJsonAsync("/users/user-20/entitlements");
        Assert.Equal(2, items.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task When_20_ledgers_grant_the_same_order_at_once_Should_all_succeed_with_one_line_per_sku()
    {
        var paid = TestOrders.Paid("user-scopes", "order-scopes", items: [("sword", 1), ("shield", 2)]);

        var results = await _host.InConcurrentScopesAsync(Deliveries, (ledger, _) => ledger.GrantAsync(paid, CancellationToken.None));

        Assert.All(results, active => Assert.Equal(["shield", "sword"], active.Select(l => l.Sku).Order()));
        var lines = await _host.GrantsOfAsync(paid.OrderId);
        Assert.Equal(["shield", "sword"], lines.Select(l => l.Sku));
        Assert.Equal([2, 1], lines.Select(l => l.Quantity));
        Assert.Equal(1, await _host.QueryAsync(db => db.Users.CountAsync(u => u.UserId == "user-scopes")));
    }

    [Fact]
    public async Task When_20_orders_of_one_new_user_are_granted_at_once_Should_grant_all_and_know_the_user_once()
    {
        var orders = Enumerable.Range(0, Deliveries).Select(i => TestOrders.Paid("user-many", $"order-many-{i}", items: [("coin", 10)])).ToList();

        await _host.InConcurrentScopesAsync(Deliveries, (ledger, i) => ledger.GrantAsync(orders[i], CancellationToken.None));

        var totals = await _host.GetJsonAsync("/users/user-many/entitlements");
        Assert.Equal(Deliveries, totals.GetProperty("items").GetArrayLength());
        var total = Assert.Single(totals.GetProperty("totals").EnumerateArray());
        Assert.Equal(("coin", 10 * Deliveries), (total.GetProperty("sku").GetString(), total.GetProperty("quantity").GetInt32()));
        Assert.Equal(1, await _host.QueryAsync(db => db.Users.CountAsync(u => u.UserId == "user-many")));
    }

    [Fact]
    public async Task When_an_order_lists_a_sku_twice_Should_grant_one_line_with_the_total_quantity()
    {
        var paid = TestOrders.Paid("user-dup", "order-dup", items: [("gem", 5), ("gem", 7)]);

        await _host.InConcurrentScopesAsync(1, (ledger, _) => ledger.GrantAsync(paid, CancellationToken.None));

        var line = Assert.Single(await _host.GrantsOfAsync(paid.OrderId));
        Assert.Equal(("gem", 12), (line.Sku, line.Quantity));
    }
}
