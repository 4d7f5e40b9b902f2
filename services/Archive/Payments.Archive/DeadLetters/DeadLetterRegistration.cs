using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.DeadLetters;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Archive.DeadLetters;

internal static class DeadLetterRegistration
{
    /// <summary>
    /// The broker's error queues on RabbitMQ (those of <see cref="SystemQueues.Receive"/>). On the in-memory transport,
    /// every endpoint of the process (the standalone host composes all of them) hands a faulted message to the
    /// dead-letter store instead of its <c>_error</c> queue, after publishing the <c>Fault&lt;T&gt;</c> event as
    /// MassTransit's default error pipe does; its list is therefore exactly the process's endpoints.
    /// </summary>
    public static IHostApplicationBuilder AddDeadLetters(this IHostApplicationBuilder builder)
    {
        var transport = builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>()?.Transport ?? BusTransport.RabbitMq;
        if (transport != BusTransport.InMemory)
        {
            builder.Services.AddSingleton<IDeadLetterQueues, RabbitMqDeadLetterQueues>();
            return builder;
        }

        var store = new InMemoryDeadLetterStore();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IDeadLetterQueues, InMemoryDeadLetterQueues>();
        builder.AddBusContribution(bus => bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
        {
            if (SystemQueues.FaultsDiscarded.Contains(queue, StringComparer.Ordinal))
            {
                return;
            }

            store.Register(queue);
            endpoint.ConfigureError(error =>
            {
                error.UseFilter(new GenerateFaultFilter());
                error.UseFilter(new DeadLetterStoreFilter(store, queue));
            });
        }));
        return builder;
    }
}
