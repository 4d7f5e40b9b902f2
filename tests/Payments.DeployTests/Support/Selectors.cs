using System.Text.Json.Nodes;

namespace Payments.DeployTests.Support;

/// <summary>Kubernetes label selectors (matchLabels and matchExpressions).</summary>
internal static class Selectors
{
    public static bool Matches(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector.StringMap("matchLabels"))
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in selector.Items("matchExpressions"))
        {
            var key = expression.Str("key")!;
            var values = expression.Strings("values").ToList();
            var has = labels.TryGetValue(key, out var actual);
            var ok = expression.Str("operator") switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
