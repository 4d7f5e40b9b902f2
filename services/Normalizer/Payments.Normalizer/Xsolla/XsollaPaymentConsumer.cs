using MassTransit;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Normalizer.Xsolla;

internal sealed class XsollaPaymentConsumer : IConsumer<XsollaPaymentReceived>
{
    public Task Consume(ConsumeContext<XsollaPaymentReceived> context) =>
        context.PublishNormalized(XsollaNotificationMapper.Map(context.Message, context.SentTime ?? DateTimeOffset.UtcNow));
}
