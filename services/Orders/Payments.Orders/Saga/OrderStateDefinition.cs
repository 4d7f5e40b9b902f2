using MassTransit;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;

namespace Payments.Orders.Saga;

/// <summary>
/// The saga endpoint: events of one order go through one partition so they never contend in this process; across
/// replicas the row lock of the saga repository is the guard. Outcomes leave through the in-memory outbox that
/// every endpoint has (see BusRegistration), after the order row is saved.
/// </summary>
internal sealed class OrderStateDefinition : SagaDefinition<OrderState>
{
    private const int Partitions = 32;

    public OrderStateDefinition()
    {
        ConcurrentMessageLimit = Partitions;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<OrderState> sagaConfigurator, IRegistrationContext context)
    {
        var partition = endpointConfigurator.CreatePartitioner(Partitions);
        sagaConfigurator.Message<OrderPlaced>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<OrderResolutionRequested>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentStarted>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentAuthorized>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentSucceeded>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentFailed>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentReversed>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentRefunded>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
        sagaConfigurator.Message<PaymentPartiallyRefunded>(m => m.UsePartitioner(partition, c => c.Message.OrderId));
    }
}
