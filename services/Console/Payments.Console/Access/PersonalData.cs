using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payments.OperatorConsole.Access;

/// <summary>
/// Masks the buyer's personal data in an archived provider message before an operator sees it: e-mail, phone,
/// names, IP and postal addresses, wherever they sit — in the message's fields, inside the raw provider body it
/// carries (a JSON string, parsed and masked the same way), or in RoboKassa's raw parameters. Identifiers the
/// operator needs (user id, order and invoice ids, amounts) stay readable.
/// </summary>
public static class PersonalData
{
    public const string Mask = "•••";

    private static readonly HashSet<string> Personal = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "mail", "phone", "phonenumber", "name", "firstname", "lastname", "surname", "middlename", "fullname",
        "nickname", "ip", "userip", "ipaddress", "address", "street", "city", "zip", "zipcode", "postcode", "postalcode",
        "cardholder", "cardholdername", "holder", "birthdate", "dateofbirth",
    };

    /// <summary>The message as indented JSON, personal values replaced by <see cref="Mask"/>.</summary>
    public static string MaskedJson(JsonElement message) => Format(Masked(JsonNode.Parse(message.GetRawText())));

    /// <summary>The message as indented JSON, unmasked.</summary>
    public static string Json(JsonElement message) => Format(JsonNode.Parse(message.GetRawText()));

    /// <summary>A text (a dead letter's body) masked when it is JSON; otherwise hidden whole.</summary>
    public static string MaskedText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        try
        {
            return Format(Masked(JsonNode.Parse(text)));
        }
        catch (JsonException)
        {
            return $"{Mask} ({text.Length} characters, not JSON)";
        }
    }

    public static bool IsPersonal(string key) => Personal.Contains(key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));

    /// <summary>Masks <paramref name="node"/> in place (objects and arrays are walked, only scalars replaced) and returns it.</summary>
    private static JsonNode? Masked(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue && IsPersonal(key))
                    {
                        obj[key] = JsonValue.Create(Mask);
                    }
                    else if (MaskedScalar(value) is { } masked)
                    {
                        obj[key] = masked;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (MaskedScalar(array[i]) is { } masked)
                    {
                        array[i] = masked;
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>
    /// A nested object or array is masked where it stands (null: keep the node). A raw provider body kept as a JSON
    /// string is replaced by the string of its masked copy, or hidden whole when it does not parse.
    /// </summary>
    private static JsonValue? MaskedScalar(JsonNode? value)
    {
        if (value is JsonObject or JsonArray)
        {
            Masked(value);
            return null;
        }

        if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{'))
        {
            try
            {
                return JsonValue.Create(Masked(JsonNode.Parse(text))!.ToJsonString());
            }
            catch (JsonException)
            {
                return JsonValue.Create(Mask);
            }
        }

        return null;
    }

    private static string Format(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
}
