using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payments.Persistence;

/// <summary>
/// EF Core refuses to compare or order a <see cref="DateTimeOffset"/> on SQLite (it is stored as text, and text order
/// is not time order across offsets). A column mapped here is written in exactly the text SQLite already holds
/// (<c>yyyy-MM-dd HH:mm:ss.FFFFFFFzzz</c>, what Microsoft.Data.Sqlite writes), always in UTC: for UTC values that text
/// sorts as time does ('+' sorts before '.' and the digits), so SQL may compare and order it. Existing files read as before.
/// </summary>
public static class SortableSqliteText
{
    private const string Format = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";

    public static PropertyBuilder<DateTimeOffset> HasSortableSqliteText(this PropertyBuilder<DateTimeOffset> property) =>
        property.HasConversion(
            value => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture),
            text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
