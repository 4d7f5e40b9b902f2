using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Entitlements;
using Payments.Entitlements.Tests.Support;
using Payments.ServiceDefaults.Warmup;
using Payments.Testing;

namespace Payments.Entitlements.Tests.Ledger;

/// <summary>
/// The pipeline's start-up rehearsal: marked <c>OrderPaid</c> messages run through the real endpoint, consumer and
/// ledger on PostgreSQL, and leave nothing — no row, no <c>EntitlementGranted</c>, no fault.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class RehearsalTests(PostgresFixture postgres) : IAsyncLifetime
{
    private EntitlementsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EntitlementsTestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("entitlements"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Before_readiness_the_grant_endpoint_rehearses_and_nothing_is_stored_or_published()
    {
        // StartAsync returned once the service was ready, i.e. after the rehearsal.
        var sent = PipelineRehearsal.Rounds * new StartupWarmupOptions().Rehearsals;
        Assert.Contains($"Rehearsal grant-ledger-rehearsal: {sent} marked messages sent, {sent} consumed here (0 of them failed)", _host.Logs.Text, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(1)); // what the rehearsal published, had it leaked, would have arrived
        Assert.Empty(_host.Downstream.Deliveries);
        Assert.Empty(_host.Downstream.Faults);
        Assert.Equal(0, await _host.QueryAsync(db => db.Orders.CountAsync()));
        Assert.Equal(0, await _host.QueryAsync(db => db.Grants.CountAsync()));
        Assert.Equal(0, await _host.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_marked_order_paid_is_never_granted_while_the_same_order_unmarked_is()
    {
        var paid = TestOrders.Paid("user-rehearsal-test", "order-rehearsal-test", items: [("sword", 1)]);
        var tracker = _host.Services.GetRequiredService<RehearsalTracker>();
        var id = NewId.NextGuid();
        var consumed = tracker.WhenCompleted(id);

        await _host.Bus.Publish(paid, context =>
        {
            context.MessageId = id;
            context.Headers.Set(Rehearsal.Header, "true");
        });

        Assert.True(await consumed.WaitAsync(TimeSpan.FromSeconds(30)), "the rehearsal failed");
        Assert.Equal(0, await _host.QueryAsync(db => db.Grants.CountAsync()));
        Assert.Empty(_host.Downstream.Of<EntitlementGranted>());

        // The same message without the mark is a real payment.
        await _host.Bus.Publish(paid);
        await _host.Downstream.WaitForAsync(log => log.Of<EntitlementGranted>().Count == 1, "the real grant");
        Assert.Equal(1, await _host.QueryAsync(db => db.Grants.CountAsync()));
        Assert.Empty(_host.Downstream.Faults);
    }
}
