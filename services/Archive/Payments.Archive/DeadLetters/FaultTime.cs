using System.Globalization;

namespace Payments.Archive.DeadLetters;

/// <summary>MassTransit's <c>MT-Fault-Timestamp</c> (an ISO 8601 UTC time) as a time; null when absent or unreadable.</summary>
internal static class FaultTime
{
    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
