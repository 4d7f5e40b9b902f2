using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Providers.RoboKassa;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Normalizer.RoboKassa;

internal sealed class RoboKassaResultConsumer(ILogger<RoboKassaResultConsumer> logger) : IConsumer<RoboKassaResultReceived>
{
    public async Task Consume(ConsumeContext<RoboKassaResultReceived> context)
    {
        var result = context.Message;
        var domainEvent = RoboKassaResultMapper.Map(result, context.SentTime ?? DateTimeOffset.UtcNow);
        if (!Rehearsal.IsMarked(context))
        {
            logger.LogInformation("RoboKassa invoice {InvId} for account {Account} ({Environment}) paid {Amount}",
                result.InvId, result.Account, result.Environment, domainEvent.Payment.Amount);
        }

        await context.PublishNormalized(domainEvent);
    }
}
