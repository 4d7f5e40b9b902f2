using Payments.ServiceDefaults.Messaging;

namespace Payments.Ingress.Webhooks;

/// <summary>
/// Hands a verified provider message to the broker before the provider gets its success answer (docs/architecture.md#what-each-service-owns), and
/// turns a publish the broker did not confirm in time into the 503 that makes the provider send it again.
/// </summary>
internal sealed class VerifiedPublisher(ConfirmedPublisher publisher)
{
    /// <summary>Publishes <paramref name="message"/>; null once the broker has it, else the 503 rejection to answer with.</summary>
    public async Task<WebhookRejection?> PublishAsync<TMessage>(TMessage message, Guid messageId, CancellationToken requestAborted)
        where TMessage : class =>
        await publisher.TryPublishAsync(message, messageId, requestAborted) ? null : WebhookRejection.BrokerUnavailable;
}
