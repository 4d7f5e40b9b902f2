using MassTransit;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Ledger;

/// <summary>
/// Grants an order's items once, and publishes <see cref="EntitlementGranted"/> for every active line each time
/// <see cref="OrderPaid"/> is delivered, so a crash between the commit and the publish loses nothing.
/// </summary>
internal sealed class OrderPaidConsumer(GrantLedger ledger) : IConsumer<OrderPaid>
{
    public async Task Consume(ConsumeContext<OrderPaid> context)
    {
        foreach (var line in await ledger.GrantAsync(context.Message, context.CancellationToken, rehearsal: Rehearsal.IsMarked(context)))
        {
            await context.Publish(
                new EntitlementGranted
                {
                    OrderId = line.OrderId,
                    UserId = line.UserId,
                    Sku = line.Sku,
                    Quantity = line.Quantity,
                    Provider = line.Provider,
                    Account = line.Account,
                    Environment = line.Environment,
                    GrantedAt = line.GrantedAt,
                },
                publish => publish.MessageId = NameBasedGuid.Create(NameBasedGuid.Derived, $"{line.OrderId}/{line.Sku}/granted"));
        }
    }
}
