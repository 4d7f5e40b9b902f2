using Payments.Testing;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Entitlements.Tests.Support;

namespace Payments.Entitlements.Tests.Ledger;

/// <summary>Revocations marks lines, never deletes them, and win whatever the order in which they and the grant arrive.</summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class RevocationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Rounds = 30;

    private EntitlementsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EntitlementsTestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("entitlements"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task When_OrderRevoked_arrives_before_OrderPaid_Should_leave_nothing_active_and_show_the_line_revoked_in_the_history()
    {
        var paid = TestOrders.Paid("user-early", "order-early", items: [("sword", 1)]);

        await _host.Bus.Publish(TestOrders.Revoked(paid));
        await _host.RevokedDeliveries.WaitForCompletedAsync(1);
        await _host.Bus.Publish(paid);
        await _host.PaidDeliveries.WaitForCompletedAsync(1);

        var active = await _host.GetJsonAsync("/users/user-early/entitlements");
        Assert.Empty(active.GetProperty("items").EnumerateArray());
        Assert.Empty(active.GetProperty("totals").EnumerateArray());

        var history = await _host.GetJsonAsync("/users/user-early/entitlements/history");
        var line = Assert.Single(history.GetProperty("grants").EnumerateArray());
        Assert.Equal("sword", line.GetProperty("sku").GetString());
        Assert.False(line.GetProperty("active").GetBoolean());
        Assert.Equal("refunded", line.GetProperty("revokeReason").GetString());
        Assert.Equal(TestOrders.RevokedAt, line.GetProperty("revokedAt").GetDateTimeOffset());

        // Nothing was ever active, so nothing was announced as granted.
        await Task.Delay(300);
        Assert.Empty(_host.Downstream.Of<EntitlementGranted>());
        Assert.Empty(_host.Downstream.Faults);
    }

    [Fact]
    public async Task When_OrderRevoked_is_delivered_again_Should_announce_the_revocation_again_under_the_same_message_id()
    {
        var paid = TestOrders.Paid("user-again", "order-again", items: [("sword", 1)]);
        await _host.Bus.Publish(paid);
        await _host.PaidDeliveries.WaitForCompletedAsync(1);

        await _host.DeliverConcurrentlyAsync(TestOrders.Revoked(paid, "reversed"), 3);
        await _host.RevokedDeliveries.WaitForCompletedAsync(3);
        await _host.Downstream.SettleAsync(log => log.Of<EntitlementRevoked>().Count >= 3, "three revocations announced");

        var revoked = _host.Downstream.Of<EntitlementRevoked>();
        Assert.Equal(3, revoked.Count);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.Derived, $"{paid.OrderId}/sword/revoked"), Assert.Single(revoked.Select(r => r.MessageId).Distinct()));
        Assert.All(revoked, r => Assert.Equal(("reversed", TestOrders.RevokedAt, 1), (r.Message.Reason, r.Message.RevokedAt, r.Message.Quantity)));
        var line = Assert.Single(await _host.GrantsOfAsync(paid.OrderId));
        Assert.Equal("reversed", line.RevokeReason);
    }

    [Fact]
    public async Task When_OrderRevoked_and_OrderPaid_race_in_the_ledger_Should_never_leave_an_active_line()
    {
        var orders = Enumerable.Range(0, Rounds).Select(i => TestOrders.Paid("user-race", $"order-race-{i}", items: [("sword", 1), ("gem", 3)])).ToList();

        foreach (var paid in orders)
        {
            await _host.InConcurrentScopesAsync(2, (ledger, i) => i == 0
                ? ledger.GrantAsync(paid, CancellationToken.None)
                : ledger.RevokeAsync(TestOrders.Revoked(paid), CancellationToken.None));
        }

        await AssertAllRevokedAsync(orders.Select(o => o.OrderId).ToList(), "user-race");
    }

    [Fact]
    public async Task When_OrderRevoked_and_OrderPaid_race_through_the_consumers_Should_never_leave_an_active_line()
    {
        var orders = Enumerable.Range(0, Rounds).Select(i => TestOrders.Paid("user-bus-race", $"order-bus-race-{i}", items: [("sword", 1), ("gem", 3)])).ToList();

        await Task.WhenAll(orders.SelectMany(paid => new[] { _host.Bus.Publish(TestOrders.Revoked(paid)), _host.Bus.Publish(paid) }));
        await _host.PaidDeliveries.WaitForCompletedAsync(Rounds);
        await _host.RevokedDeliveries.WaitForCompletedAsync(Rounds);

        Assert.Empty(_host.Downstream.Faults);
        await AssertAllRevokedAsync(orders.Select(o => o.OrderId).ToList(), "user-bus-race");
    }

    private async Task AssertAllRevokedAsync(List<Guid> orderIds, string userId)
    {
        var lines = await _host.QueryAsync(db => db.Grants.AsNoTracking().Where(g => orderIds.Contains(g.OrderId)).ToListAsync());
        Assert.Equal(2 * orderIds.Count, lines.Count);
        Assert.All(lines, l => Assert.False(l.IsActive, $"order {l.OrderId} {l.Sku} is active"));
        Assert.All(lines, l => Assert.Equal(("refunded", TestOrders.RevokedAt), (l.RevokeReason, l.RevokedAt)));

        var active = await _host.GetJsonAsync($"/users/{userId}/entitlements");
        Assert.Empty(active.GetProperty("items").EnumerateArray());
    }
}
