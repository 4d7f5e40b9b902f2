using System.Globalization;
using System.Text.RegularExpressions;

namespace Payments.Ingress.RuStore;

/// <summary>
/// RuStore has sent both <c>2022-07-08T13:24:41.8328711+03:00</c> and <c>2025-11-18T10:38:58.619Z</c>
/// (docs/providers/rustore.md, decision A6). A time is informational here, so an unreadable one becomes null instead
/// of refusing the notification.
/// </summary>
internal static partial class RuStoreTimestamp
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // .NET reads at most 7 fractional digits; more precision than 100 ns is cut, not refused.
        var trimmed = LongFraction().Replace(text.Trim(), "$1");
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex LongFraction();
}
