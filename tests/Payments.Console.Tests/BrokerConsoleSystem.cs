using System.Globalization;
using MassTransit;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Testing;

namespace Payments.Console.Tests;

/// <summary>
/// The same standalone host on a private RabbitMQ (<c>Bus:Transport=RabbitMq</c>), so its dead letters are the
/// broker's own error queues, read and moved by the Archive's dead-letter API as in every real deployment; and a
/// bus of the test's own to leave a faulted message where MassTransit would.
/// </summary>
public sealed class BrokerConsoleSystem : ConsoleSystem
{
    private RabbitMqBroker? _broker;
    private IBusControl? _bus;

    protected override async Task<IReadOnlyDictionary<string, string>> TransportAsync()
    {
        var broker = _broker = await RabbitMqBroker.StartAsync();
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(transport => transport.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
        }));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _bus.StartAsync(cts.Token);
        return new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = broker.Host,
            ["Bus__RabbitMq__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = broker.VirtualHost,
            ["Bus__RabbitMq__Username"] = broker.Username,
            ["Bus__RabbitMq__Password"] = broker.Password,
        };
    }

    protected override async Task StopTransportAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    /// <summary>
    /// What MassTransit leaves in <c>order-paid_error</c> when Entitlements' consumer faults (here: its database was
    /// locked): the OrderPaid of a registered order of <paramref name="userId"/>, with its MessageId and the fault
    /// headers.
    /// </summary>
    public async Task<(Guid OrderId, Guid MessageId)> DeadLetterOrderPaidAsync(string userId, string sku)
    {
        var reference = new OrderReference { Provider = "rustore", Account = "demo", Environment = PaymentEnvironments.Production, ProviderOrderId = $"dl-{Guid.NewGuid():N}"[..20] };
        await RegisterRuStoreOrderAsync(reference.ProviderOrderId, userId, sku);
        await WaitForOrderAsync(reference.Provider, reference.ProviderOrderId, _ => true, "the registration");
        var message = new OrderPaid
        {
            OrderId = reference.ToOrderId(),
            Order = reference,
            UserId = userId,
            Items = [new OrderItem { Sku = sku, Quantity = 1 }],
            PaidAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.NewGuid();
        var endpoint = await _bus!.GetSendEndpoint(new Uri("queue:order-paid_error"));
        await endpoint.Send(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set("MT-Reason", "fault");
            context.Headers.Set("MT-Fault-ExceptionType", "Microsoft.Data.Sqlite.SqliteException");
            context.Headers.Set("MT-Fault-Message", "simulated: database is locked");
            context.Headers.Set("MT-Fault-ConsumerType", "Payments.Entitlements.Ledger.OrderPaidConsumer");
            context.Headers.Set("MT-Fault-Timestamp", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        });
        return (message.OrderId, messageId);
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerConsoleCollection : ICollectionFixture<BrokerConsoleSystem>
{
    public const string Name = "console on RabbitMQ";
}
