using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;

namespace Payments.Entitlements.Tests.Support;

/// <summary>What a downstream consumer of Entitlements receives, with the message id of each delivery, and the faults.</summary>
public sealed class DownstreamLog
{
    public ConcurrentQueue<(Guid? MessageId, EntitlementGranted Message)> Granted { get; } = new();

    public ConcurrentQueue<(Guid? MessageId, EntitlementRevoked Message)> Revoked { get; } = new();

    public ConcurrentQueue<string> Faults { get; } = new();

    /// <summary>Waits until <paramref name="condition"/> holds, then a little longer, so that extra messages would show.</summary>
    public async Task SettleAsync(Func<DownstreamLog, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Downstream never saw what was expected: {Granted.Count} granted, {Revoked.Count} revoked, faults: {string.Join("; ", Faults)}");
            }

            await Task.Delay(50);
        }

        await Task.Delay(500);
    }
}

/// <summary>A downstream service: consumes what Entitlements publishes.</summary>
public sealed class DownstreamConsumer(DownstreamLog log) :
    IConsumer<EntitlementGranted>,
    IConsumer<EntitlementRevoked>,
    IConsumer<Fault<OrderPaid>>,
    IConsumer<Fault<OrderRevoked>>
{
    public Task Consume(ConsumeContext<EntitlementGranted> context)
    {
        log.Granted.Enqueue((context.MessageId, context.Message));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<EntitlementRevoked> context)
    {
        log.Revoked.Enqueue((context.MessageId, context.Message));
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
