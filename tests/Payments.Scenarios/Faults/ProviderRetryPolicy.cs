using System.Net;

namespace Payments.Scenarios.Faults;

/// <summary>What a provider does with one answer: done, try again after a pause, or give up.</summary>
public enum ProviderDecision
{
    Accepted,
    Retry,
    GiveUp,
}

/// <summary>
/// Each provider's own retry rule, its schedule compressed in time (a real provider retries for hours):
/// <list type="bullet">
/// <item>RuStore: anything but <c>200</c> (or no answer) is retried, with growing intervals (0.25 s doubling, at most 8 s).</item>
/// <item>Xsolla: a <c>5xx</c> or no answer is retried (growing, 0.5 s doubling, at most 8 s); a <c>4xx</c> is final —
/// Xsolla stops, so a 4xx for a transient problem would lose the payment (counted as given up).</item>
/// <item>RoboKassa: anything but <c>200 OK{InvId}</c> is retried about every minute, compressed to ~1 s.</item>
/// <item>The game backend's <c>POST /orders</c>: anything but <c>202</c> is retried after ~1 s.</item>
/// </list>
/// </summary>
public static class ProviderRetryPolicy
{
    /// <param name="kind">The delivery kind (<c>rustore:confirmed</c>, <c>xsolla:payment</c>, <c>robokassa:result</c>, <c>orders:register</c>).</param>
    /// <param name="status">The answer's status, or null when there was no answer (refused, reset, timeout).</param>
    /// <param name="success">The answer is the provider's exact success answer.</param>
    public static ProviderDecision Decide(string kind, HttpStatusCode? status, bool success)
    {
        if (success)
        {
            return ProviderDecision.Accepted;
        }

        if (kind.StartsWith("xsolla:", StringComparison.Ordinal))
        {
            return status is null || (int)status >= 500 ? ProviderDecision.Retry : ProviderDecision.GiveUp;
        }

        return ProviderDecision.Retry;
    }

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1 (attempt counts from 1).</summary>
    public static TimeSpan Delay(string kind, int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double seconds;
        lock (random)
        {
            var jitter = 0.8 + (random.NextDouble() * 0.4);
            seconds = kind switch
            {
                _ when kind.StartsWith("rustore:", StringComparison.Ordinal) => Math.Min(8, 0.25 * Math.Pow(2, attempt - 1)) * jitter,
                _ when kind.StartsWith("xsolla:", StringComparison.Ordinal) => Math.Min(8, 0.5 * Math.Pow(2, attempt - 1)) * jitter,
                _ => 1.0 * jitter, // RoboKassa (about a minute, compressed) and the game backend.
            };
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
