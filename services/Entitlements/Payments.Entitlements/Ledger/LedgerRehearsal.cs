using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Orders;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Ledger;

/// <summary>
/// Before Entitlements reports ready, the grant endpoint runs marked <see cref="OrderPaid"/> messages of made-up orders
/// (<see cref="PipelineRehearsal"/>): the consumer, the ledger's statements (rolled back) and the publish (discarded).
/// </summary>
internal sealed class LedgerRehearsal(ISendEndpointProvider send, RehearsalTracker tracker, IOptions<StartupWarmupOptions> options, ILogger<LedgerRehearsal> logger, TimeProvider time)
    : PipelineRehearsal(send, tracker, options, logger)
{
    public override string Name => "grant-ledger-rehearsal";

    protected override IEnumerable<RehearsalMessage> Messages()
    {
        yield return new RehearsalMessage(KebabCaseEndpointNameFormatter.Instance.Consumer<OrderPaidConsumer>(), _ =>
        {
            var order = RehearsalOrder.Reference();
            return new OrderPaid
            {
                OrderId = order.ToOrderId(),
                Order = order,
                UserId = RehearsalOrder.User,
                Items = RehearsalOrder.Items,
                PaidAt = time.GetUtcNow(),
            };
        });
    }
}
