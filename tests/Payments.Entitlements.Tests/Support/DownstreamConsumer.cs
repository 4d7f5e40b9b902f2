using MassTransit;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;
using Payments.Testing;

namespace Payments.Entitlements.Tests.Support;

/// <summary>A downstream service: consumes what Entitlements publishes.</summary>
public sealed class DownstreamConsumer(DownstreamLog log) :
    IConsumer<EntitlementGranted>,
    IConsumer<EntitlementRevoked>,
    IConsumer<Fault<OrderPaid>>,
    IConsumer<Fault<OrderRevoked>>
{
    public Task Consume(ConsumeContext<EntitlementGranted> context)
    {
        log.Record(context.MessageId, context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<EntitlementRevoked> context)
    {
        log.Record(context.MessageId, context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<Fault<OrderPaid>> context)
    {
        log.Faults.Enqueue($"OrderPaid: {string.Join(" | ", context.Message.Exceptions.Select(e => e.Message))}");
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<Fault<OrderRevoked>> context)
    {
        log.Faults.Enqueue($"OrderRevoked: {string.Join(" | ", context.Message.Exceptions.Select(e => e.Message))}");
        return Task.CompletedTask;
    }
}
