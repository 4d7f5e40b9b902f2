using MassTransit;
using Payments.Contracts.Orders;
using Payments.ServiceDefaults.Warmup;

namespace Payments.Entitlements.Users;

/// <summary>
/// An order registered with <c>POST /orders</c> names its user, and Xsolla asks about the user before the payment:
/// so a game that registers the order before opening Xsolla's checkout needs no <c>PUT /users/{userId}</c>.
/// </summary>
internal sealed class UserNamedByOrderConsumer(UserRegistry registry) : IConsumer<OrderPlaced>
{
    public Task Consume(ConsumeContext<OrderPlaced> context) =>
        Rehearsal.IsMarked(context) // never registers anyone: a rehearsal changes nothing
            ? Task.CompletedTask
            : registry.RegisterAsync(context.Message.UserId, UserRegistry.FromOrder, context.CancellationToken);
}
