using MassTransit;
using Payments.Contracts.Entitlements;

namespace Payments.Ingress.Tests.Support;

/// <summary>Stands in for Entitlements' ValidateUser consumer: knows the listed users, or fails every request.</summary>
internal sealed class FakeUserDirectory(bool fail, params string[] knownUsers) : IConsumer<ValidateUser>
{
    public async Task Consume(ConsumeContext<ValidateUser> context)
    {
        if (fail)
        {
            throw new InvalidOperationException("The user store is down.");
        }

        var userId = context.Message.UserId;
        if (knownUsers.Contains(userId))
        {
            await context.RespondAsync(new UserKnown { UserId = userId });
        }
        else
        {
            await context.RespondAsync(new UserUnknown { UserId = userId, Reason = "not in the fake directory" });
        }
    }

    /// <summary>Connects a receive endpoint with this consumer to the running harness bus, where published ValidateUser requests reach it.</summary>
    public static async Task ConnectAsync(IngressTestHost host, bool fail = false, params string[] knownUsers)
    {
        var handle = host.Harness.Bus.ConnectReceiveEndpoint(
            $"fake-entitlements-{Guid.NewGuid():N}", endpoint => endpoint.Consumer(() => new FakeUserDirectory(fail, knownUsers)));
        await handle.Ready;
    }
}
