using MassTransit;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts.Providers.Xsolla;

using Payments.ServiceDefaults.Warmup;

namespace Payments.Archive.Capture;

/// <summary>
/// Archives every provider message. One consumer for all of them, so the archive has one queue
/// (<c>notification-archive</c>) bound to every provider message's exchange, next to the Normalizer's queues.
/// </summary>
internal sealed class NotificationArchiveConsumer(NotificationArchive archive) :
    IConsumer<RuStoreInvoiceStatusReceived>,
    IConsumer<RuStoreTestEventReceived>,
    IConsumer<XsollaPaymentReceived>,
    IConsumer<XsollaOrderPaidReceived>,
    IConsumer<XsollaRefundReceived>,
    IConsumer<XsollaPartialRefundReceived>,
    IConsumer<XsollaOrderCanceledReceived>,
    IConsumer<RoboKassaResultReceived>
{
    public Task Consume(ConsumeContext<RuStoreInvoiceStatusReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<RuStoreTestEventReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<XsollaPaymentReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<XsollaOrderPaidReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<XsollaRefundReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<XsollaPartialRefundReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<XsollaOrderCanceledReceived> context) => StoreAsync(context);

    public Task Consume(ConsumeContext<RoboKassaResultReceived> context) => StoreAsync(context);

    private async Task StoreAsync<TMessage>(ConsumeContext<TMessage> context)
        where TMessage : class
    {
        // A marked message is a rehearsal: never stored (the Archive sends itself none; this guards the rule).
        if (Rehearsal.IsMarked(context))
        {
            return;
        }

        // Ingress always sets it (a name-based id of the provider event); without it there is no idempotence to keep.
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a MessageId.");
        DateTimeOffset? sentAt = context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null;
        await archive.StoreAsync(context.Message, messageId, sentAt, context.CancellationToken);
    }
}
