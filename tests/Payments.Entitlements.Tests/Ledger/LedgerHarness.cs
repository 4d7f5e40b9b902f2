using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Entitlements;
using Payments.Entitlements.Ledger;

namespace Payments.Entitlements.Tests.Ledger;

/// <summary>
/// The Entitlements module as its host composes it (<c>AddEntitlements</c>), on SQLite in a temporary file, with
/// the ledger's two consumers on MassTransit's in-memory test harness. Each <c>Deliver</c> publishes one message
/// and waits until it was consumed.
/// </summary>
public sealed class LedgerHarness : IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly IHost _host;
    private readonly string _database;
    private int _delivered;

    private LedgerHarness(IHost host, string database, OrderReference reference)
    {
        _host = host;
        _database = database;
        Reference = reference;
        Harness = host.Services.GetRequiredService<ITestHarness>();
    }

    public OrderReference Reference { get; }

    public ITestHarness Harness { get; }

    public static async Task<LedgerHarness> StartAsync(string provider)
    {
        var database = Path.Combine(Path.GetTempPath(), $"payments-ledger-{Guid.NewGuid():N}.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Entitlements"] = $"Data Source={database}",
        });
        builder.Logging.ClearProviders();
        builder.AddEntitlements();
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddConsumer<OrderPaidConsumer>();
            bus.AddConsumer<OrderRevokedConsumer>();
        });

        var host = builder.Build();
        await host.StartAsync();
        var reference = new OrderReference { Provider = provider, Account = "game", Environment = "production", ProviderOrderId = "order-1" };
        return new LedgerHarness(host, database, reference);
    }

    public Task Paid(params string[] skus) => Deliver(new OrderPaid
    {
        OrderId = Reference.ToOrderId(),
        Order = Reference,
        UserId = "user-1",
        Items = [.. skus.Select(sku => new OrderItem { Sku = sku, Quantity = 1 })],
        PaidAt = At,
    });

    public Task Revoked(params string[] skus) => Deliver(new OrderRevoked
    {
        OrderId = Reference.ToOrderId(),
        Order = Reference,
        UserId = "user-1",
        Items = [.. skus.Select(sku => new OrderItem { Sku = sku, Quantity = 1 })],
        Reason = "refunded",
        RevokedAt = At.AddHours(1),
    });

    private async Task Deliver<T>(T message)
        where T : class
    {
        await Harness.Bus.Publish(message);
        var expected = ++_delivered;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Consumed() < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the ledger consumed {Consumed()} of {expected} messages");
            await Task.Delay(5);
        }

        using var now = Now();
        Assert.DoesNotContain(Harness.Consumed.Select<T>(now.Token), m => m.Exception is not null);
    }

    private int Consumed()
    {
        using var now = Now();
        return Harness.Consumed.Select(_ => true, now.Token).Count();
    }

    /// <summary>A cancelled token: the harness lists what it has instead of waiting for more.</summary>
    private static CancellationTokenSource Now()
    {
        var now = new CancellationTokenSource();
        now.Cancel();
        return now;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
