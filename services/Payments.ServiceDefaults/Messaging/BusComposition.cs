using MassTransit;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// What each module contributes to the one MassTransit bus of a process. Modules add to it in their
/// <c>AddXxx()</c> entry point; <see cref="BusRegistration.AddBus"/> builds the bus from all of them, so the
/// standalone host and the separate hosts compose the same registrations.
/// </summary>
public sealed class BusComposition
{
    private readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];

    public IReadOnlyList<Action<IBusRegistrationConfigurator>> Registrations => _registrations;

    public void Add(Action<IBusRegistrationConfigurator> registration) => _registrations.Add(registration);
}
