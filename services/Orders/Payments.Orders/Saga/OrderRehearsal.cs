using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts;
using Payments.Contracts.Orders;
using Payments.Contracts.Payments;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Orders.Saga;

/// <summary>
/// Before Orders reports ready, the saga endpoint runs marked registrations and payments of made-up orders
/// (<see cref="PipelineRehearsal"/>): the state machine, the lifecycle and the repository's statements, rolled back.
/// </summary>
internal sealed class OrderRehearsal(ISendEndpointProvider send, RehearsalTracker tracker, IOptions<StartupWarmupOptions> options, ILogger<OrderRehearsal> logger, TimeProvider time)
    : PipelineRehearsal(send, tracker, options, logger)
{
    public override string Name => "order-saga-rehearsal";

    protected override IEnumerable<RehearsalMessage> Messages()
    {
        var queue = KebabCaseEndpointNameFormatter.Instance.Saga<OrderState>();
        yield return new RehearsalMessage(queue, run =>
        {
            var order = RehearsalOrder.Reference();
            return new OrderPlaced
            {
                OrderId = order.ToOrderId(),
                Order = order,
                UserId = RehearsalOrder.User,
                Items = RehearsalOrder.Items,
                Amount = "1.00",
                PlacedAt = time.GetUtcNow(),
            };
        });
        yield return new RehearsalMessage(queue, run =>
        {
            var order = RehearsalOrder.Reference();
            return new PaymentSucceeded
            {
                OrderId = order.ToOrderId(),
                Order = order,
                Payment = new PaymentDetails
                {
                    SourceEventId = $"{order.Provider}:{order.ProviderOrderId}:paid",
                    OccurredAt = time.GetUtcNow(),
                    UserId = RehearsalOrder.User,
                    Items = RehearsalOrder.Items,
                    QuantitiesStated = true,
                    Amount = "1.00",
                    Currency = "RUB",
                    ProviderStatus = "confirmed",
                },
            };
        });
    }
}
