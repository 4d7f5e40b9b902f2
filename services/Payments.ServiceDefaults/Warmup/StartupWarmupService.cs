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
                    LogWarmed(logger, warmup.Name, elapsed.ElapsedMilliseconds, attempt);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up {Warmup} done in {ElapsedMs} ms ({Attempts} attempt(s))")]
    private static partial void LogWarmed(ILogger logger, string warmup, long elapsedMs, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up {Warmup}: attempt {Attempt} did not work ({Error}: {Reason}); trying again")]
    private static partial void LogRetrying(ILogger logger, string warmup, int attempt, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up {Warmup} gave up after {Attempts} attempt(s) in {GiveUpAfter} ({Error}: {Reason}); ready without it, so its first requests take the cold path")]
    private static partial void LogGaveUp(ILogger logger, string warmup, int attempts, TimeSpan giveUpAfter, string error, string reason);
}
