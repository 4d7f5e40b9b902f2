using MassTransit;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

internal sealed class XsollaRefundConsumer : IConsumer<XsollaRefundReceived>
{
    public Task Consume(ConsumeContext<XsollaRefundReceived> context) =>
        context.PublishNormalized(XsollaNotificationMapper.Map(context.Message, context.SentTime ?? DateTimeOffset.UtcNow));
}
