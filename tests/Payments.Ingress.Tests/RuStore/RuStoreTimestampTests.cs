using Payments.Ingress.RuStore;

namespace Payments.Ingress.Tests.RuStore;

public class RuStoreTimestampTests
{
    [Fact]
    public void Seven_fractional_digits_with_an_offset_parse()
    {
        var expected = new DateTimeOffset(2022, 7, 8, 13, 24, 41, TimeSpan.FromHours(3)).AddTicks(8_328_711);

        var parsed = RuStoreTimestamp.Parse("2022-07-08T13:24:41.8328711+03:00");

        Assert.Equal(expected, parsed);
        Assert.Equal(TimeSpan.FromHours(3), parsed!.Value.Offset);
    }

    [Fact]
    public void Three_fractional_digits_with_Z_parse()
    {
        var parsed = RuStoreTimestamp.Parse("2025-11-18T10:38:58.619Z");

        Assert.Equal(new DateTimeOffset(2025, 11, 18, 10, 38, 58, 619, TimeSpan.Zero), parsed);
    }

    [Fact]
    public void More_than_seven_fractional_digits_are_cut()
    {
        var parsed = RuStoreTimestamp.Parse("2022-07-08T13:24:41.832871123456+03:00");

        Assert.Equal(new DateTimeOffset(2022, 7, 8, 13, 24, 41, TimeSpan.FromHours(3)).AddTicks(8_328_711), parsed);
    }

    [Fact]
    public void A_time_without_offset_is_taken_as_UTC()
    {
        Assert.Equal(DateTimeOffset.UnixEpoch, RuStoreTimestamp.Parse("1970-01-01T00:00:00"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2022-13-45T99:99:99Z")]
    public void An_unreadable_time_is_null(string? text)
    {
        Assert.Null(RuStoreTimestamp.Parse(text));
    }
}
