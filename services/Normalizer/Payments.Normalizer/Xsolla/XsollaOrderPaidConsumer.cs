using MassTransit;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

internal sealed class XsollaOrderPaidConsumer : IConsumer<XsollaOrderPaidReceived>
{
    public Task Consume(ConsumeContext<XsollaOrderPaidReceived> context) =>
        context.PublishNormalized(XsollaNotificationMapper.Map(context.Message, context.SentTime ?? DateTimeOffset.UtcNow));
}
