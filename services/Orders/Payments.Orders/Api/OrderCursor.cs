using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Payments.Orders.Api;

/// <summary>
/// Where a page of <c>GET /orders</c> ended: the last order's <c>updatedAt</c> (UTC ticks, exact) and id. Opaque to
/// callers (base64url of <c>v1:{ticks}:{orderId}</c>); the next page starts strictly after it in the listing order.
/// </summary>
internal readonly record struct OrderCursor(DateTimeOffset UpdatedAt, Guid OrderId)
{
    private const string Version = "v1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Version}:{UpdatedAt.UtcTicks}:{OrderId:N}")));

    public static bool TryDecode(string text, out OrderCursor cursor)
    {
        cursor = default;
        if (text.Length is 0 or > 128 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[2], "N", out var orderId))
        {
            return false;
        }

        cursor = new OrderCursor(new DateTimeOffset(ticks, TimeSpan.Zero), orderId);
        return true;
    }
}
