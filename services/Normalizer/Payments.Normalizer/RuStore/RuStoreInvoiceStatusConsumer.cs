using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Providers.RuStore;

namespace Payments.Normalizer.RuStore;

internal sealed class RuStoreInvoiceStatusConsumer(ILogger<RuStoreInvoiceStatusConsumer> logger) : IConsumer<RuStoreInvoiceStatusReceived>
{
    public async Task Consume(ConsumeContext<RuStoreInvoiceStatusReceived> context)
    {
        var notification = context.Message;
        var domainEvent = RuStoreInvoiceStatusMapper.Map(notification, context.SentTime ?? DateTimeOffset.UtcNow);
        if (domainEvent is null)
        {
            logger.LogInformation("RuStore invoice {InvoiceId} status {Status} changes no order", notification.InvoiceId, notification.StatusNew);
            return;
        }

        await context.PublishNormalized(domainEvent);
    }
}
