using MassTransit;
using Payments.Contracts;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Ledger;

/// <summary>Revokes an order's lines once; re-publishes <see cref="EntitlementRevoked"/> on every delivery.</summary>
internal sealed class OrderRevokedConsumer(GrantLedger ledger) : IConsumer<OrderRevoked>
{
    public async Task Consume(ConsumeContext<OrderRevoked> context)
    {
        foreach (var line in await ledger.RevokeAsync(context.Message, context.CancellationToken, rehearsal: Rehearsal.IsMarked(context)))
        {
            await context.Publish(
                new EntitlementRevoked
                {
                    OrderId = line.OrderId,
                    UserId = line.UserId,
                    Sku = line.Sku,
                    Quantity = line.Quantity,
                    Provider = line.Provider,
                    Account = line.Account,
                    Environment = line.Environment,
                    Reason = line.RevokeReason ?? context.Message.Reason,
                    RevokedAt = line.RevokedAt ?? context.Message.RevokedAt,
                },
                publish => publish.MessageId = NameBasedGuid.Create(NameBasedGuid.Derived, $"{line.OrderId}/{line.Sku}/revoked"));
        }
    }
}
