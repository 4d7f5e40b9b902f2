using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Providers;

namespace Payments.Ingress.Webhooks;

/// <summary>
/// Every few seconds, publishes the refusal counts of the minutes that ended (<see cref="RefusalCounter"/>) as one
/// <see cref="NotificationsRefused"/> per provider, account and reason — at most one a minute per key, none when
/// nothing was refused. The Archive keeps them for <c>GET /archive/counts</c>. A failed publish is tried again for
/// <see cref="RetainFor"/>, then dropped: it is a statistic. Counts of the current minute are lost when the process
/// stops (README, "Webhook refusal counts").
/// </summary>
internal sealed partial class RefusalSummaryPublisher(RefusalCounter counter, IBus bus, TimeProvider clock, ILogger<RefusalSummaryPublisher> logger)
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RetainFor = TimeSpan.FromMinutes(10);

    /// <summary>This replica's name in the summaries' MessageIds: host name and one id per process.</summary>
    private readonly string _replica = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <returns>How many summaries were published.</returns>
    public async Task<int> PublishEndedAsync(CancellationToken cancellationToken)
    {
        var failed = new List<(RefusalKey Key, int Count)>();
        var published = 0;
        foreach (var (key, count) in counter.TakeEnded())
        {
            var summary = new NotificationsRefused
            {
                Provider = key.Provider,
                Account = key.Account,
                Reason = key.Reason,
                From = key.Minute,
                To = key.Minute.AddMinutes(1),
                Count = count,
            };
            try
            {
                await bus.Publish(summary, context => context.MessageId = key.MessageId(_replica), cancellationToken);
                published++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (clock.GetUtcNow() - key.Minute < RetainFor)
                {
                    failed.Add((key, count));
                }
                else
                {
                    LogDropped(logger, exception, count, key.Provider, key.Account, key.Reason, key.Minute);
                }
            }
        }

        counter.Return(failed);
        return published;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Count} {Provider}/{Account} refusals ({Reason}) of the minute {Minute}; dropped (a statistic)")]
    private static partial void LogDropped(ILogger logger, Exception exception, int count, string provider, string account, string reason, DateTimeOffset minute);
}

/// <summary>Runs <see cref="RefusalSummaryPublisher"/> every <see cref="RefusalSummaryPublisher.Tick"/>.</summary>
internal sealed class RefusalSummaryLoop(RefusalSummaryPublisher publisher, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefusalSummaryPublisher.Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await publisher.PublishEndedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
