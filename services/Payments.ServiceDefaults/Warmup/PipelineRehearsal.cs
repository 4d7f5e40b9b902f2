using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Warmup;

/// <summary>One kind of rehearsal: the queue it goes to and a made-up message for run <c>n</c>.</summary>
public sealed record RehearsalMessage(string Queue, Func<int, object> Create);

/// <summary>
/// The message pipeline's warm-up: before the service reports ready, it sends <see cref="StartupWarmupOptions.Rehearsals"/>
/// marked messages of each kind its module lists to its own queues, in three rounds, and waits until they were consumed
/// (<see cref="Rehearsal"/>): MassTransit builds each message type's pipe and serializer, the consumer or saga and its
/// database statements run, and every method on the way runs often enough for the JIT to optimize it. Nothing is
/// stored or published. Best effort: another replica may take some of them, and what did not come back within one
/// attempt's limit is logged, not waited for.
/// </summary>
public abstract partial class PipelineRehearsal(
    ISendEndpointProvider send,
    RehearsalTracker tracker,
    IOptions<StartupWarmupOptions> options,
    ILogger logger) : IStartupWarmup
{
    public abstract string Name { get; }

    /// <summary>What the module rehearses; made-up orders only, never a real one.</summary>
    protected abstract IEnumerable<RehearsalMessage> Messages();

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var runs = Math.Max(0, settings.Rehearsals);

        // A few at a time, not the endpoint's whole concurrency: each one in flight may hold a database connection,
        // and a burst would open the pool to its limit for a warm-up. One that another replica took is waited for
        // only briefly; the whole warm-up stays within one attempt's limit.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.AttemptTimeout * 0.8);
        using var lanes = new SemaphoreSlim(RehearsalsAtOnce);
        var pending = new List<(Guid Id, Task<bool> Done)>();
        var waits = new List<Task>();
        try
        {
            for (var round = 0; round < Rounds && runs > 0; round++)
            {
                if (round > 0)
                {
                    // Let the round's rehearsals finish, then pause: the runtime starts counting calls (for its
                    // optimizing recompilation) only once no new method has been compiled for a moment, so the
                    // first round's calls mostly go uncounted; the next round's are counted.
                    await Task.WhenAll(waits);
                    await Task.Delay(PauseBetweenRounds, deadline.Token);
                }

                foreach (var kind in Messages())
                {
                    // The endpoint's own exchange, not "queue:": a send to a queue address declares the queue with
                    // default arguments, which a quorum queue (Bus:RabbitMq:QuorumQueues) refuses as inequivalent.
                    var endpoint = await send.GetSendEndpoint(new Uri($"exchange:{kind.Queue}"));
                    for (var run = 0; run < runs; run++)
                    {
                        await lanes.WaitAsync(deadline.Token);
                        var id = NewId.NextGuid();
                        var done = tracker.WhenCompleted(id);
                        pending.Add((id, done));
                        await endpoint.Send(kind.Create(run), context =>
                        {
                            context.MessageId = id;
                            context.Headers.Set(Rehearsal.Header, "true");
                        }, deadline.Token);
                        waits.Add(ReleaseWhenDoneAsync(done, lanes, deadline.Token));
                    }
                }
            }

            await Task.WhenAll(waits);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The attempt's limit: what came back so far is what warmed this process.
        }
        finally
        {
            var completed = pending.Count(p => p.Done.IsCompletedSuccessfully);
            var failed = pending.Count(p => p.Done.IsCompletedSuccessfully && !p.Done.Result);
            LogRehearsed(logger, Name, pending.Count, completed, failed);
            foreach (var (id, _) in pending)
            {
                tracker.Forget(id);
            }
        }
    }

    /// <summary>Rounds of <see cref="StartupWarmupOptions.Rehearsals"/> messages of each kind.</summary>
    public const int Rounds = 3;

    /// <summary>
    /// The pause between rounds: longer than the runtime's call-counting delay (100 ms after the last new method was
    /// compiled), so the next round's calls count towards the optimized recompilation.
    /// </summary>
    private static readonly TimeSpan PauseBetweenRounds = TimeSpan.FromMilliseconds(300);

    /// <summary>Rehearsals in flight at once.</summary>
    private const int RehearsalsAtOnce = 4;

    /// <summary>How long a rehearsal may take before its lane moves on (another replica may have taken it).</summary>
    private static readonly TimeSpan LaneWait = TimeSpan.FromSeconds(1);

    private static async Task ReleaseWhenDoneAsync(Task<bool> done, SemaphoreSlim lanes, CancellationToken cancellationToken)
    {
        try
        {
            await done.WaitAsync(LaneWait, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Moves on; counted as not consumed here.
        }
        finally
        {
            lanes.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rehearsal {Warmup}: {Sent} marked messages sent, {Completed} consumed here ({Failed} of them failed); nothing was stored or published")]
    private static partial void LogRehearsed(ILogger logger, string warmup, int sent, int completed, int failed);
}

/// <summary>The made-up order every rehearsal is about: its own account, user and item, a new provider order id each time.</summary>
public static class RehearsalOrder
{
    public const string Account = "payments-rehearsal";
    public const string User = "payments-rehearsal";

    public static IReadOnlyList<Payments.Contracts.OrderItem> Items { get; } = [new() { Sku = "payments-rehearsal", Quantity = 1 }];

    /// <summary>A RuStore order of the rehearsal account (a real provider, so the provider's own code runs), never seen before.</summary>
    public static Payments.Contracts.OrderReference Reference(string provider = Payments.Contracts.PaymentProviders.RuStore) => new()
    {
        Provider = provider,
        Account = Account,
        Environment = Payments.Contracts.PaymentEnvironments.Production,
        ProviderOrderId = $"payments-rehearsal-{NewId.NextGuid():N}",
    };
}
