using System.Globalization;
using System.Text.Json;

namespace Payments.Ingress.RuStore;

/// <summary>Lenient field reads: RuStore documents ids as strings, but a number is taken as its text rather than refused.</summary>
internal static class RuStoreJson
{
    public static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static string? RequiredText(JsonElement element, string name) => Text(element, name) is { Length: > 0 } text ? text : null;

    public static long? Int64(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }
}
