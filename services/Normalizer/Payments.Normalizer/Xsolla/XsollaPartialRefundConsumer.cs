using MassTransit;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

internal sealed class XsollaPartialRefundConsumer : IConsumer<XsollaPartialRefundReceived>
{
    public Task Consume(ConsumeContext<XsollaPartialRefundReceived> context) =>
        context.PublishNormalized(XsollaNotificationMapper.Map(context.Message, context.SentTime ?? DateTimeOffset.UtcNow));
}
