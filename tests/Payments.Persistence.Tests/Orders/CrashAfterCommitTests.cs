using System.Collections.Concurrent;
using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;
using Payments.Orders;
using Payments.Orders.Persistence;
using Payments.Persistence.Tests.Sagas;
using Payments.ServiceDefaults.Messaging;
using Payments.Testing;

namespace Payments.Persistence.Tests.Orders;

/// <summary>
/// The real order saga on PostgreSQL dies between the commit and the publish: the order row is committed, then the
/// attempt fails before its outbox hands anything to the bus — what a kill at that moment leaves. The redelivery (or
/// the provider's retry) finds the event already applied and must publish the outcome it caused, once, under the same
/// message id: <c>OrderPaid</c>, <c>OrderRevoked</c> and <c>OrderStatusChanged</c> each.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait(Needs.Trait, Needs.Postgres)]
public sealed class CrashAfterCommitTests(PostgresFixture postgres)
{
    private static readonly OrderReference Reference = new() { Provider = PaymentProviders.RuStore, Account = "game", Environment = PaymentEnvironments.Production, ProviderOrderId = "crash-1" };
    private static readonly Guid OrderId = Reference.ToOrderId();

    [Fact]
    public async Task Every_outcome_decided_before_a_crash_after_the_commit_is_published_once_by_the_redelivery()
    {
        await using var host = await OrdersHost.StartAsync(await postgres.Server.CreateDatabaseAsync("crash"));
        await host.PublishAsync(new OrderPlaced
        {
            OrderId = OrderId, Order = Reference, UserId = "crash-user", Items = [new OrderItem { Sku = "sword", Quantity = 1 }], PlacedAt = DateTimeOffset.UtcNow,
        });
        await host.Heard.WaitAsync(m => m is OrderStatusChanged { Status: "placed" });

        // Started: only a status move to announce.
        await host.CrashAfterNextCommitAsync(() => host.PublishAsync(new PaymentStarted { OrderId = OrderId, Order = Reference, Payment = Payment("executed") }));
        await host.Heard.WaitAsync(m => m is OrderStatusChanged { Status: "started" });

        // Paid: the grant and the move.
        await host.CrashAfterNextCommitAsync(() => host.PublishAsync(new PaymentSucceeded { OrderId = OrderId, Order = Reference, Payment = Payment("confirmed") }));
        await host.Heard.WaitAsync(m => m is OrderPaid);
        await host.Heard.WaitAsync(m => m is OrderStatusChanged { Status: "paid" });

        // Refunded: the revocation and the move.
        await host.CrashAfterNextCommitAsync(() => host.PublishAsync(new PaymentRefunded { OrderId = OrderId, Order = Reference, Payment = Payment("refunded") }));
        await host.Heard.WaitAsync(m => m is OrderRevoked);
        await host.Heard.WaitAsync(m => m is OrderStatusChanged { Status: "refunded" });

        await Task.Delay(TimeSpan.FromSeconds(1)); // anything published twice would be here by now
        Assert.Equal(3, host.Crashes);
        var heard = host.Heard.All;
        Assert.Single(heard, h => h.Message is OrderPaid);
        Assert.Single(heard, h => h.Message is OrderRevoked);
        Assert.Equal(["placed", "started", "paid", "refunded"], heard.Select(h => h.Message).OfType<OrderStatusChanged>().Select(m => m.Status));
        Assert.Equal(heard.Count, heard.Select(h => h.MessageId).Distinct().Count());

        // The committed row is the one a single, uninterrupted delivery would have left.
        var order = await host.OrderAsync();
        Assert.Equal("Refunded", order.CurrentState);
        Assert.True(order.Granted);
        Assert.True(order.Revoked);
        Assert.Equal(3, order.Timeline.Count(e => e.Event.StartsWith("payment.", StringComparison.Ordinal) && e.Duplicates == 1));
    }

    private static PaymentDetails Payment(string status) => new()
    {
        SourceEventId = $"rustore:inv-crash-1:{status}",
        OccurredAt = DateTimeOffset.UtcNow,
        Items = [new OrderItem { Sku = "sword", Quantity = 1 }],
        ProviderStatus = status,
    };

    /// <summary>The Orders module as its host composes it, on PostgreSQL and the in-memory bus, with a commit that can be made to "crash" once.</summary>
    private sealed class OrdersHost : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly CrashAfterCommit _crash;

        private OrdersHost(IHost host, CrashAfterCommit crash)
        {
            _host = host;
            _crash = crash;
        }

        public HeardMessages Heard => _host.Services.GetRequiredService<HeardMessages>();

        public int Crashes => _crash.Crashes;

        public static async Task<OrdersHost> StartAsync(string connectionString)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bus:Transport"] = "InMemory",
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Orders"] = connectionString,
            });
            builder.Services.AddLogging();
            builder.AddOrders();
            var crash = new CrashAfterCommit();
            builder.Services.ConfigureDbContext<OrdersPostgresDbContext>(db => db.AddInterceptors(crash));
            builder.Services.AddSingleton<HeardMessages>();
            builder.AddBusContribution(bus =>
            {
                bus.AddConsumer<Listener<OrderPaid>>();
                bus.AddConsumer<Listener<OrderRevoked>>();
                bus.AddConsumer<Listener<OrderStatusChanged>>();
            });
            builder.AddBus();
            var host = builder.Build();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.MigrateAsync();
            }

            await host.StartAsync();
            await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
            return new OrdersHost(host, crash);
        }

        public Task PublishAsync<T>(T message)
            where T : class => _host.Services.GetRequiredService<IBus>().Publish(message);

        /// <summary>Arms the crash, sends, and waits until the saga committed and crashed.</summary>
        public async Task CrashAfterNextCommitAsync(Func<Task> send)
        {
            var before = _crash.Crashes;
            _crash.Arm();
            await send();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (_crash.Crashes == before)
            {
                Assert.True(DateTime.UtcNow < deadline, "the saga never committed");
                await Task.Delay(20);
            }
        }

        public async Task<Payments.Orders.Saga.OrderState> OrderAsync()
        {
            await using var scope = _host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Orders.AsNoTracking().SingleAsync(o => o.CorrelationId == OrderId);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    /// <summary>After the next commit succeeded, the attempt fails as a dying process would: nothing it decided is published.</summary>
    private sealed class CrashAfterCommit : DbTransactionInterceptor
    {
        private int _armed;
        private int _crashes;

        public int Crashes => Volatile.Read(ref _crashes);

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Interlocked.Increment(ref _crashes);
                throw new TimeoutException("Injected: the process died after the commit, before the publish.");
            }

            return Task.CompletedTask;
        }
    }

    private sealed class HeardMessages
    {
        private readonly ConcurrentQueue<(object Message, Guid? MessageId)> _heard = new();

        public IReadOnlyList<(object Message, Guid? MessageId)> All => [.. _heard];

        public void Add(object message, Guid? messageId) => _heard.Enqueue((message, messageId));

        public async Task WaitAsync(Func<object, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!_heard.Any(h => match(h.Message)))
            {
                Assert.True(DateTime.UtcNow < deadline, $"never heard the message; heard {string.Join(", ", _heard.Select(h => h.Message))}");
                await Task.Delay(20);
            }
        }
    }

    private sealed class Listener<T>(HeardMessages heard) : IConsumer<T>
        where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            heard.Add(context.Message, context.MessageId);
            return Task.CompletedTask;
        }
    }
}
