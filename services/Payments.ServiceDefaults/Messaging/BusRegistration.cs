using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Payments.Contracts.Providers.Xsolla;
using Payments.ServiceDefaults.Warmup;

namespace Payments.ServiceDefaults.Messaging;

public static class BusRegistration
{
    private const string CompositionKey = "Payments.BusComposition";

    /// <summary>In-place retry intervals of every endpoint: quick for races, then long enough for a database restart.</summary>
    public static readonly TimeSpan[] RetrySchedule =
        [.. new[] { 50, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>Records a module's consumers, sagas and request clients for the process's bus.</summary>
    public static IHostApplicationBuilder AddBusContribution(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> registration)
    {
        Composition(builder).Add(registration);
        return builder;
    }

    /// <summary>Builds the MassTransit bus from every module's contribution and the configured transport.</summary>
    public static IHostApplicationBuilder AddBus(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        var composition = Composition(builder);

        builder.Services.TryAddSingleton<RehearsalTracker>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var registration in composition.Registrations)
            {
                registration(bus);
            }

            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                // Transient failures (a database deadlock, a lost insert race, a database restart or failover) are
                // retried in place before a message is moved to the _error queue; every consumer is idempotent. The
                // provider already got its success answer and will not resend, so the schedule must outlast a
                // database outage (about two minutes in all): the fault suite lost payments to a 10 s outage when it
                // ran out after 9 s. A failure that no attempt can fix is not retried at all: it would hold the
                // endpoint (a partition of the saga's) for those two minutes, then land in _error anyway.
                // What a consumer publishes leaves only once it has succeeded (in-memory outbox).
                // A rehearsal (Warmup/Rehearsal.cs) is acknowledged outside everything else, and what it published is
                // discarded inside the outbox: it runs the whole pipeline and leaves nothing.
                var classifiers = context.GetServices<ITransientFailureClassifier>().ToList();
                Rehearsal.UseOutermost(endpoint, context.GetRequiredService<RehearsalTracker>());
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(exception => TransientFailures.IsTransient(exception, classifiers));
                    retry.Intervals(RetrySchedule);
                });
                endpoint.UseInMemoryOutbox(context);
                Rehearsal.UseInsideOutbox(endpoint);
                if (options.RabbitMq.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    BrokerCluster.UseQuorumQueue(rabbit, queue, options.RabbitMq);
                }
            });

            if (options.Transport == BusTransport.InMemory)
            {
                bus.UsingInMemory((context, transport) =>
                {
                    ToleratePreviousShapes(transport);
                    transport.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingRabbitMq((context, transport) =>
                {
                    var rabbit = options.RabbitMq;
                    transport.Host(rabbit.Host, (ushort)rabbit.EffectivePort, rabbit.VirtualHost, host =>
                    {
                        host.Username(rabbit.Username);
                        host.Password(rabbit.Password);
                        host.PublisherConfirmation = true;
                        BrokerCluster.Configure(host, rabbit);
                        if (rabbit.UseTls)
                        {
                            host.UseSsl(tls => BrokerTls.Configure(tls, rabbit));
                        }
                    });
                    transport.PrefetchCount = rabbit.PrefetchCount;
                    ToleratePreviousShapes(transport);
                    transport.ConfigureEndpoints(context);
                });
            }
        });

        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        return builder;
    }

    /// <summary>
    /// Messages an earlier version published can still be in a queue when this one starts (a rolling upgrade): the
    /// Xsolla messages of the flat shape are read as the current one (README "Tools", the archive). MassTransit keeps
    /// one serializer configuration per process; the options are only replaced the first time.
    /// </summary>
    private static void ToleratePreviousShapes(IBusFactoryConfigurator transport) =>
        transport.ConfigureJsonSerializerOptions(XsollaFlatShape.Tolerate);

    private static BusComposition Composition(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(CompositionKey, out var existing))
        {
            return (BusComposition)existing;
        }

        var composition = new BusComposition();
        builder.Properties[CompositionKey] = composition;
        return composition;
    }
}
