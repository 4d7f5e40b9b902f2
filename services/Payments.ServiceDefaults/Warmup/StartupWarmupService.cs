using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Warmup;

/// <summary>
/// Runs each <see cref="IStartupWarmup"/> once the host has started, attempt after attempt until it works or
/// <see cref="StartupWarmupOptions.GiveUpAfter"/> has passed, then marks it finished for the readiness check.
/// </summary>
internal sealed partial class StartupWarmupService(
    IEnumerable<IStartupWarmup> warmups,
    StartupWarmupState state,
    IHostApplicationLifetime lifetime,
    IOptions<StartupWarmupOptions> options,
    ILogger<StartupWarmupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After every hosted service (the bus among them) has started, so a warm-up sees the service as it will run.
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var settings = options.Value;
        foreach (var warmup in warmups)
        {
            var elapsed = Stopwatch.StartNew();
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                attemptLimit.CancelAfter(settings.AttemptTimeout);
                try
                {
                    // WaitAsync as well as the token: an attempt that does not observe it still ends at the limit.
                    await warmup.WarmAsync(attemptLimit.Token).WaitAsync(attemptLimit.Token);
                    var repeated = warmup is IRepeatableWarmup repeatable ? await SpreadAsync(repeatable, settings, stoppingToken) : 0;
                    LogWarmed(logger, warmup.Name, elapsed.ElapsedMilliseconds, attempt, repeated);
                    break;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    if (elapsed.Elapsed >= settings.GiveUpAfter)
                    {
                        LogGaveUp(logger, warmup.Name, attempt, settings.GiveUpAfter, exception.GetType().Name, exception.Message);
                        break;
                    }

                    LogRetrying(logger, warmup.Name, attempt, exception.GetType().Name, exception.Message);
                }

                try
                {
                    await Task.Delay(settings.RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            state.Finished(warmup.Name);
        }
    }

    /// <summary>
    /// Repeats a warm-up that worked on several lanes at once (<see cref="IRepeatableWarmup"/>), within one attempt's
    /// limit. Best effort: the first run already made the service usable, so a failed or unfinished repetition is logged
    /// and readiness is not held back for it.
    /// </summary>
    /// <returns>The repetitions that worked.</returns>
    private async Task<int> SpreadAsync(IRepeatableWarmup warmup, StartupWarmupOptions settings, CancellationToken stoppingToken)
    {
        var lanes = warmup.RunsOnSeveralConnections ? Math.Max(1, settings.Connections) : 1;
        var repetitions = Math.Max(0, settings.Repetitions);
        if (repetitions == 0)
        {
            return 0;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(settings.AttemptTimeout);
        var worked = 0;
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            for (var run = 0; run < repetitions && !limit.IsCancellationRequested; run++)
            {
                try
                {
                    await warmup.WarmAsync(limit.Token).WaitAsync(limit.Token);
                    Interlocked.Increment(ref worked);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRepetitionFailed(logger, warmup.Name, exception.GetType().Name, exception.Message);
                    return;
                }
            }
        }));
        return worked;
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up {Warmup} done in {ElapsedMs} ms ({Attempts} attempt(s), then {Repeated} repetition(s))")]
    private static partial void LogWarmed(ILogger logger, string warmup, long elapsedMs, int attempts, int repeated);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up {Warmup}: a repetition did not work ({Error}: {Reason}); its lane stops, readiness does not wait for it")]
    private static partial void LogRepetitionFailed(ILogger logger, string warmup, string error, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up {Warmup}: attempt {Attempt} did not work ({Error}: {Reason}); trying again")]
    private static partial void LogRetrying(ILogger logger, string warmup, int attempt, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up {Warmup} gave up after {Attempts} attempt(s) in {GiveUpAfter} ({Error}: {Reason}); ready without it, so its first requests take the cold path")]
    private static partial void LogGaveUp(ILogger logger, string warmup, int attempts, TimeSpan giveUpAfter, string error, string reason);
}
