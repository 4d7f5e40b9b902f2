using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Contracts.Providers.Xsolla;
using Payments.Normalizer.Xsolla;

namespace Payments.Normalizer.Tests;

/// <summary>
/// A rolling upgrade: an Ingress of the flat shape still publishes while the new Normalizer consumes. The bus reads
/// such a message as the current shape when its serializer tolerates it, as every service's bus does
/// (BusRegistration).
/// </summary>
public sealed class XsollaFlatShapeConsumerTests : IAsyncLifetime
{
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<XsollaOrderCanceledConsumer>();
                bus.UsingInMemory((context, transport) =>
                {
                    transport.ConfigureJsonSerializerOptions(XsollaFlatShape.Tolerate);
                    transport.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(validateScopes: true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_flat_order_canceled_revokes_the_invoice_it_names()
    {
        await _harness.Bus.Publish(new FlatXsollaOrderCanceledReceived
        {
            Account = "game1", Environment = PaymentEnvironments.Production, WebhookMode = "combined", OrderId = "31", InvoiceId = "3100",
            UserId = "player-3", Items = [new OrderItem { Sku = "gold", Quantity = 100 }], Amount = "4.99", Currency = "EUR", CurrencyType = "real",
            TransactionId = "3101", RawBody = "{}",
        });

        Assert.True(await _harness.Consumed.Any<XsollaOrderCanceledReceived>());
        var consumed = Assert.Single(_harness.Consumed.Select<XsollaOrderCanceledReceived>()).Context.Message;
        Assert.Equal(("31", "3100", "3101", "player-3"), (consumed.Order.Id, consumed.Order.InvoiceId, consumed.Order.BillingTransactionId, consumed.Order.UserId));
        var refunded = Assert.Single(_harness.Published.Select<PaymentRefunded>()).Context.Message;
        Assert.Equal(("3101", "xsolla:order_canceled:31", "4.99", "EUR"), (refunded.Order.ProviderOrderId, refunded.Payment.SourceEventId, refunded.Payment.Amount, refunded.Payment.Currency));
        Assert.Equal([new OrderItem { Sku = "gold", Quantity = 100 }], refunded.Payment.Items!);
    }

    /// <summary><see cref="XsollaOrderCanceledReceived"/> as the flat-shape version declared it, under the same message type.</summary>
    [MessageUrn("Payments.Contracts.Providers.Xsolla:XsollaOrderCanceledReceived")]
    public sealed record FlatXsollaOrderCanceledReceived
    {
        public string Provider { get; init; } = PaymentProviders.Xsolla;
        public required string Account { get; init; }
        public required string Environment { get; init; }
        public required string WebhookMode { get; init; }
        public string? OrderId { get; init; }
        public string? InvoiceId { get; init; }
        public string? OrderMode { get; init; }
        public string? OrderStatus { get; init; }
        public string? UserId { get; init; }
        public required IReadOnlyList<OrderItem> Items { get; init; }
        public string? Amount { get; init; }
        public string? Currency { get; init; }
        public string? CurrencyType { get; init; }
        public string? TransactionId { get; init; }
        public string? ExternalId { get; init; }
        public DateTimeOffset? PaymentDate { get; init; }
        public required string RawBody { get; init; }
    }
}
