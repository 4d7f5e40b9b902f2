using MassTransit;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Notifier.Capture;

/// <summary>
/// Turns each outcome into one delivery row per matching endpoint (queue <c>game-server-notification</c>). It sends
/// nothing itself: the rows are committed before the message is acknowledged, and the dispatcher sends them.
/// </summary>
internal sealed class GameServerNotificationConsumer(DeliveryIntake intake) :
    IConsumer<EntitlementGranted>,
    IConsumer<EntitlementRevoked>,
    IConsumer<OrderStatusChanged>
{
    public Task Consume(ConsumeContext<EntitlementGranted> context) => AcceptAsync(context, WebhookEvent.Of(context.Message));

    public Task Consume(ConsumeContext<EntitlementRevoked> context) => AcceptAsync(context, WebhookEvent.Of(context.Message));

    public Task Consume(ConsumeContext<OrderStatusChanged> context) => AcceptAsync(context, WebhookEvent.Of(context.Message));

    private Task AcceptAsync<TMessage>(ConsumeContext<TMessage> context, WebhookEvent webhookEvent)
        where TMessage : class
    {
        // A start-up rehearsal runs the pipeline and must leave nothing: no row, no call to a game server.
        if (Rehearsal.IsMarked(context))
        {
            return Task.CompletedTask;
        }

        var eventId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a MessageId.");
        return intake.AcceptAsync(webhookEvent, eventId, context.CancellationToken);
    }
}
