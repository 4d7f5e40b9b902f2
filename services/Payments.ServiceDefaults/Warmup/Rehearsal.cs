using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware.InMemoryOutbox;

namespace Payments.ServiceDefaults.Warmup;

/// <summary>
/// A rehearsal is a message marked with <see cref="Header"/> that runs through a receive endpoint exactly as a real one
/// does — deserialization, the retry and outbox filters, the consumer or the saga, its database statements — and
/// leaves nothing behind: the saga repository and the ledger roll their transaction back instead of committing, the
/// outbox discards what the rehearsal published, and the message is acknowledged even when the rehearsal failed (it
/// never reaches <c>_error</c>). A service sends rehearsals to its own queues before it reports ready
/// (<see cref="PipelineRehearsal"/>), so the first real messages after a start run compiled, optimized code.
/// Any message carrying the header is a rehearsal, whatever its value: a marked message is never applied for real.
/// </summary>
public static class Rehearsal
{
    public const string Header = "Payments-Rehearsal";

    /// <summary>Whether the message being consumed is a rehearsal; the one check every consumer with side effects makes.</summary>
    public static bool IsMarked(ConsumeContext context) => context.Headers.TryGetHeader(Header, out _);

    /// <summary>
    /// The endpoint's filters: one outside everything else (acknowledges a rehearsal whatever happened inside, and
    /// reports it to the <paramref name="tracker"/>), and one inside the in-memory outbox (discards what a rehearsal
    /// published). Call before the retry filter is configured, and after the outbox.
    /// </summary>
    internal static void UseOutermost(IReceiveEndpointConfigurator endpoint, RehearsalTracker tracker) =>
        endpoint.UseFilter(new AcknowledgeFilter(tracker));

    internal static void UseInsideOutbox(IReceiveEndpointConfigurator endpoint) => _ = new DiscardObserver(endpoint);

    private sealed class AcknowledgeFilter(RehearsalTracker tracker) : IFilter<ConsumeContext>
    {
        public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
        {
            if (!IsMarked(context))
            {
                await next.Send(context);
                return;
            }

            var worked = true;
            try
            {
                await next.Send(context);
            }
            catch (Exception)
            {
                // A failed rehearsal only means the first real message pays for what it did not warm.
                worked = false;
            }

            tracker.Completed(context.MessageId, worked);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("rehearsal-acknowledge");
    }

    /// <summary>Adds <see cref="DiscardFilter{T}"/> to every message type's pipe, after the filters configured so far.</summary>
    private sealed class DiscardObserver : ConfigurationObserver, IMessageConfigurationObserver
    {
        public DiscardObserver(IConsumePipeConfigurator configurator)
            : base(configurator)
        {
            Connect(this);
        }

        public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator)
            where TMessage : class =>
            configurator.AddPipeSpecification(new DiscardSpecification<TMessage>());
    }

    private sealed class DiscardSpecification<T> : IPipeSpecification<ConsumeContext<T>>
        where T : class
    {
        public void Apply(IPipeBuilder<ConsumeContext<T>> builder) => builder.AddFilter(new DiscardFilter<T>());

        public IEnumerable<ValidationResult> Validate() => [];
    }

    private sealed class DiscardFilter<T> : IFilter<ConsumeContext<T>>
        where T : class
    {
        public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
        {
            await next.Send(context);
            if (IsMarked(context))
            {
                var outbox = context as OutboxContext
                    ?? (context.TryGetPayload<InMemoryOutboxConsumeContext>(out var payload) ? payload : null)
                    ?? throw new InvalidOperationException("A rehearsal ran without the in-memory outbox: what it published cannot be discarded.");
                await outbox.DiscardPendingActions();
            }
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("rehearsal-discard");
    }
}

/// <summary>The rehearsals this process consumed, by message id, for the warm-up that sent them.</summary>
public sealed class RehearsalTracker
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<bool>> _waiting = new();

    /// <summary>Completes when a rehearsal with this id was consumed here: true if it ran through, false if it failed. Call before sending it.</summary>
    public Task<bool> WhenCompleted(Guid messageId) =>
        _waiting.GetOrAdd(messageId, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void Completed(Guid? messageId, bool worked)
    {
        // Only what a warm-up of this process waits for: another replica's rehearsals are acknowledged and forgotten.
        if (messageId is { } id && _waiting.TryGetValue(id, out var waiting))
        {
            waiting.TrySetResult(worked);
        }
    }

    internal void Forget(Guid messageId) => _waiting.TryRemove(messageId, out _);
}
