using MassTransit;
using Payments.Contracts;

namespace Payments.Normalizer;

internal static class NormalizedPublishing
{
    /// <summary>
    /// Publishes a domain event under a message id derived from the provider message's id, so a redelivered
    /// provider message yields the very same domain message.
    /// </summary>
    public static Task PublishNormalized(this ConsumeContext context, object domainEvent)
    {
        var sourceId = context.MessageId ?? throw new InvalidOperationException("Provider messages always carry a MessageId.");
        var messageId = NameBasedGuid.Create(NameBasedGuid.Derived, $"{sourceId}/normalized");
        return context.Publish(domainEvent, domainEvent.GetType(), publish => publish.MessageId = messageId);
    }
}
