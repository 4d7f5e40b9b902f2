using MassTransit;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

internal sealed class XsollaOrderCanceledConsumer : IConsumer<XsollaOrderCanceledReceived>
{
    public Task Consume(ConsumeContext<XsollaOrderCanceledReceived> context) =>
        context.PublishNormalized(XsollaNotificationMapper.Map(context.Message, context.SentTime ?? DateTimeOffset.UtcNow));
}
