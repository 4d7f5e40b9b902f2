using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Providers.RuStore;

namespace Payments.Normalizer.RuStore;

/// <summary>Console connection checks concern no order; they are only acknowledged and logged.</summary>
internal sealed class RuStoreTestEventConsumer(ILogger<RuStoreTestEventConsumer> logger) : IConsumer<RuStoreTestEventReceived>
{
    public Task Consume(ConsumeContext<RuStoreTestEventReceived> context)
    {
        logger.LogInformation("RuStore test event {NotificationId} for account {Account} ({Environment})",
            context.Message.NotificationId, context.Message.Account, context.Message.Environment);
        return Task.CompletedTask;
    }
}
