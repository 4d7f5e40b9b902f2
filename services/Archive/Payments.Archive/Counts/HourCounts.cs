namespace Payments.Archive;

/// <summary>Hours as the archive counts them: whole hours since 1970-01-01 UTC.</summary>
public static class HourCounts
{
    public static long HourOf(DateTimeOffset time) => (long)Math.Floor(time.ToUnixTimeSeconds() / 3600.0);

    public static DateTimeOffset StartOf(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * 3600);
}
