using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Entitlements.Persistence;
using Payments.Entitlements.Tests.Support;
using Payments.Testing;
using Xunit.Abstractions;

namespace Payments.Entitlements.Tests.Ledger;

/// <summary>
/// The ledger's database round trips per call, on PostgreSQL: each one costs both sides a system call and a wake-up,
/// and the profile of issue 15 found them the largest share of the ledger's CPU. BEGIN is not counted: Npgsql sends
/// it with the first command. The budgets are the statements the work needs, nothing for savepoints.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class LedgerRoundTripTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DatabaseRoundTrips _roundTrips = new();
    private EntitlementsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EntitlementsTestHost.StartAsync(
            await postgres.Server.CreateDatabaseAsync("entitlements"),
            services: services => services.ConfigureDbContext<EntitlementsPostgresDbContext>(db => db.AddInterceptors(_roundTrips)));

        // The start-up warm-ups (the user check, the rehearsed grant, then the pipeline's rehearsal) run one after the
        // other in the background once the host started: let the last one report done before counting (an attempt that
        // timed out is retried).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!_host.Logs.Text.Contains("Warm-up grant-ledger-rehearsal done", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the start-up warm-ups did not finish: {string.Join(" | ", _roundTrips.Statements)}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task When_an_order_is_granted_Should_lock_check_the_user_write_once_and_commit()
    {
        var first = TestOrders.Paid("user-rt", "order-rt-1", items: [("sword", 1), ("gem", 5)]);
        var second = TestOrders.Paid("user-rt", "order-rt-2", items: [("sword", 1)]);

        // A new order of a new user: the order's lock, the user check, one batch (order row, both lines, the user), the commit.
        Assert.Equal(4, await RoundTripsOfAsync(() => GrantAsync(first)));

        // The next order of the same user: the user is known to this process, so no check.
        Assert.Equal(3, await RoundTripsOfAsync(() => GrantAsync(second)));

        // A redelivery: the lock (the row is there now), the lines, the commit; nothing written.
        Assert.Equal(3, await RoundTripsOfAsync(() => GrantAsync(first)));

        Assert.Equal(["gem", "sword"], (await _host.GrantsOfAsync(first.OrderId)).Select(l => l.Sku));
        Assert.Equal(1, await _host.QueryAsync(db => db.Users.CountAsync(u => u.UserId == "user-rt")));
    }

    [Fact]
    public async Task When_an_order_is_revoked_before_its_grant_Should_write_the_order_row_in_one_batch()
    {
        var paid = TestOrders.Paid("user-rt-revoke", "order-rt-revoke", items: [("sword", 1)]);

        // The lock (no row yet), the user check, one batch (the order row remembering the revocation, the user), the commit.
        Assert.Equal(4, await RoundTripsOfAsync(() => _host.InConcurrentScopesAsync(1, (ledger, _) => ledger.RevokeAsync(TestOrders.Revoked(paid), CancellationToken.None))));

        // The late grant lands revoked: lock, lines, one batch, commit.
        Assert.Equal(4, await RoundTripsOfAsync(() => GrantAsync(paid)));
        Assert.All(await _host.GrantsOfAsync(paid.OrderId), line => Assert.False(line.IsActive));
    }

    [Fact]
    public async Task The_start_up_warm_up_rehearses_a_first_grant_and_leaves_nothing_behind()
    {
        var warmup = Assert.Single(_host.Services.GetServices<ServiceDefaults.Warmup.IStartupWarmup>(), w => w.Name == "grant-ledger");
        _roundTrips.Clear();

        await warmup.WarmAsync(CancellationToken.None);

        var statements = _roundTrips.Statements;
        output.WriteLine(string.Join(" | ", statements));
        Assert.Contains(statements, s => s.StartsWith("INSERT", StringComparison.Ordinal));
        Assert.Equal("ROLLBACK", statements[^1]);
        Assert.Equal(0, await _host.QueryAsync(db => db.Orders.CountAsync()));
        Assert.Equal(0, await _host.QueryAsync(db => db.Grants.CountAsync()));
        Assert.Equal(0, await _host.QueryAsync(db => db.Users.CountAsync()));
    }

    private async Task GrantAsync(Contracts.Orders.OrderPaid paid) =>
        await _host.InConcurrentScopesAsync(1, (ledger, _) => ledger.GrantAsync(paid, CancellationToken.None));

    private async Task<int> RoundTripsOfAsync(Func<Task> work)
    {
        _roundTrips.Clear();
        await work();
        var statements = _roundTrips.Statements;
        output.WriteLine(string.Join(" | ", statements));
        Assert.DoesNotContain("SAVEPOINT", statements);
        return statements.Count(s => s != "BEGIN");
    }
}
