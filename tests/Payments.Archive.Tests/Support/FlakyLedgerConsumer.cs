using MassTransit;
using Payments.Contracts.Orders;
using Payments.Testing;

namespace Payments.Archive.Tests.Support;

/// <summary>
/// Stands in for the Entitlements ledger on its queue (<c>order-paid</c>, one of the system's): while
/// <see cref="LedgerSwitch.Failing"/>, every OrderPaid faults with an error no retry fixes, so MassTransit dead-letters
/// it at once; afterwards it records what it consumes.
/// </summary>
internal sealed class FlakyLedgerConsumer(LedgerSwitch ledger, DownstreamLog log) : IConsumer<OrderPaid>
{
    public const string Queue = "order-paid";

    public Task Consume(ConsumeContext<OrderPaid> context)
    {
        if (ledger.Failing)
        {
            throw new LedgerRefusedException("simulated: the ledger refused the grant");
        }

        log.Record(context.MessageId, context.Message);
        return Task.CompletedTask;
    }

    public static void Register(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<FlakyLedgerConsumer>().Endpoint(endpoint => endpoint.Name = Queue);
}

internal sealed class LedgerSwitch
{
    public volatile bool Failing = true;
}

internal sealed class LedgerRefusedException(string message) : Exception(message);
