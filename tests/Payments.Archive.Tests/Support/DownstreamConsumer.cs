using MassTransit;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts.Providers.Xsolla;
using Payments.Testing;

namespace Payments.Archive.Tests.Support;

/// <summary>A consumer of every provider message other than the archive's, recording what it receives.</summary>
internal sealed class DownstreamConsumer(DownstreamLog log) :
    IConsumer<RuStoreInvoiceStatusReceived>,
    IConsumer<XsollaPaymentReceived>,
    IConsumer<XsollaRefundReceived>,
    IConsumer<XsollaOrderPaidReceived>,
    IConsumer<XsollaOrderCanceledReceived>,
    IConsumer<RoboKassaResultReceived>
{
    public Task Consume(ConsumeContext<RuStoreInvoiceStatusReceived> context) => Record(context);

    public Task Consume(ConsumeContext<XsollaPaymentReceived> context) => Record(context);

    public Task Consume(ConsumeContext<XsollaRefundReceived> context) => Record(context);

    public Task Consume(ConsumeContext<XsollaOrderPaidReceived> context) => Record(context);

    public Task Consume(ConsumeContext<XsollaOrderCanceledReceived> context) => Record(context);

    public Task Consume(ConsumeContext<RoboKassaResultReceived> context) => Record(context);

    private Task Record<T>(ConsumeContext<T> context)
        where T : class
    {
        log.Record(context.MessageId, context.Message);
        return Task.CompletedTask;
    }
}
