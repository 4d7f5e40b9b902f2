using MassTransit;

namespace Payments.Entitlements.Users;

/// <summary>
/// A user check is answered while Xsolla waits (about 3 seconds, never resent), so a failed one is not retried: the
/// consumer's own no-retry policy handles the exception first, which stops the endpoint-wide retry of the bus
/// (MassTransit's outer retry filter does not retry what an inner one already handled), and the requester gets the
/// fault at once. The faulted request is then dropped rather than kept in <c>_error</c>: nobody can replay it in time.
/// </summary>
internal sealed class ValidateUserConsumerDefinition : ConsumerDefinition<ValidateUserConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ValidateUserConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        consumerConfigurator.UseMessageRetry(retry => retry.None());
        endpointConfigurator.DiscardFaultedMessages();
    }
}
