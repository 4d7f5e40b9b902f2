using Microsoft.Extensions.Options;
using Payments.Notifier.Configuration;

namespace Payments.Notifier.Delivery;

/// <summary><c>Notifier:RetryDelays</c> with jitter: each delay is lengthened by a random share of itself up to <c>Notifier:RetryJitter</c>.</summary>
internal sealed class RetrySchedule(IOptionsMonitor<NotifierOptions> options)
{
    /// <summary>The wait after the <paramref name="step"/>-th failed attempt of a run (1-based), or null when it was the last.</summary>
    public TimeSpan? DelayAfter(int step)
    {
        var settings = options.CurrentValue;
        var delays = settings.EffectiveRetryDelays;
        if (step < 1 || step > delays.Count)
        {
            return null;
        }

        var delay = delays[step - 1];
        return delay + (delay * (settings.RetryJitter * Random.Shared.NextDouble()));
    }
}
