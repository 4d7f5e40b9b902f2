using System.Globalization;
using System.Text.Json;

namespace Payments.Ingress.Xsolla;

/// <summary>
/// Lenient field reads. Xsolla's examples give one field as a number in one place and a string in another (ids,
/// amounts, <c>dry_run</c>; docs/providers/xsolla.md, decisions A17 and A18), so both are taken; a value of the
/// wrong shape reads as absent, never throws.
/// </summary>
internal static class XsollaJson
{
    /// <summary>The named member when it is an object.</summary>
    public static JsonElement? Object(JsonElement? parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>A string, or a number as its JSON text; null when absent, empty or of another kind.</summary>
    public static string? Text(JsonElement? parent, string name)
    {
        var text = Member(parent, name) switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>Test flags: 1, "1", true and "true" are set; 0, "0", false, null and absence are not (docs/providers/xsolla.md, decision A18).</summary>
    public static bool IsTruthy(JsonElement? parent, string name) => Member(parent, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.Number } value => value.TryGetDecimal(out var number) && number != 0,
        { ValueKind: JsonValueKind.String } value => value.GetString()?.Trim() is "1" || bool.TryParse(value.GetString()?.Trim(), out var flag) && flag,
        _ => false,
    };

    /// <summary>A decimal amount as invariant text ("9.99"), from a number or a numeric string; null otherwise (e.g. "[null]").</summary>
    public static string? Decimal(JsonElement? parent, string name) => Member(parent, name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetDecimal(out var number) => number.ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } value when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) =>
            number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A whole number, from a number (3 or 3.0) or a numeric string; null otherwise.</summary>
    public static int? Int32(JsonElement? parent, string name) => Member(parent, name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue =>
            (int)number,
        { ValueKind: JsonValueKind.String } value when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    /// <summary>An ISO 8601 time such as "2014-09-24T20:38:16+04:00"; informational, so an unreadable one is null.</summary>
    public static DateTimeOffset? Time(JsonElement? parent, string name) =>
        Text(parent, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static JsonElement? Member(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) ? value : null;
}
