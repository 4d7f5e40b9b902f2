using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Payments.DeployTests.Support;

/// <summary>YAML (one or many documents) as JSON nodes; every scalar is a string, as the tools wrote it.</summary>
internal static class Yaml
{
    public static List<JsonObject> ParseDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(document => Convert(document.RootNode))
            .OfType<JsonObject>()
            .ToList();
    }

    public static JsonObject ParseSingle(string text) =>
        ParseDocuments(text) is [var single] ? single : throw new InvalidOperationException("Expected exactly one YAML document.");

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(child =>
            KeyValuePair.Create(((YamlScalarNode)child.Key).Value ?? string.Empty, Convert(child.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode { Value: null } => null,
        YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "" => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}

internal static class JsonNodeExtensions
{
    public static string? Str(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject o ? o[segment] : null;
        }

        return current is JsonValue value ? value.ToString() : null;
    }

    public static JsonObject? Obj(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject o ? o[segment] : null;
        }

        return current as JsonObject;
    }

    public static IEnumerable<JsonObject> Items(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject o ? o[segment] : null;
        }

        return current is JsonArray array ? array.OfType<JsonObject>() : [];
    }

    public static IEnumerable<string> Strings(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject o ? o[segment] : null;
        }

        return current is JsonArray array ? array.OfType<JsonValue>().Select(v => v.ToString()) : [];
    }

    public static Dictionary<string, string> StringMap(this JsonNode? node, params string[] path)
    {
        var map = node.Obj(path);
        return map is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : map.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);
    }
}
