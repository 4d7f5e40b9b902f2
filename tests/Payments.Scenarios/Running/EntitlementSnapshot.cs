using System.Text.Json;

namespace Payments.Scenarios.Running;

/// <summary>One line of <c>GET /users/{UserId}/entitlements?environment={Environment}</c>.</summary>
public sealed record ActualLine(string Environment, string UserId, Guid OrderId, string Sku, int Quantity);

/// <summary>Every listed line of the users asked for, in a stable order so that two snapshots compare.</summary>
public sealed class EntitlementSnapshot(IReadOnlyList<ActualLine> lines)
{
    public IReadOnlyList<ActualLine> Lines { get; } =
        [.. lines.OrderBy(l => l.Environment, StringComparer.Ordinal).ThenBy(l => l.UserId, StringComparer.Ordinal).ThenBy(l => l.OrderId).ThenBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Quantity)];

    public bool SameAs(EntitlementSnapshot other) => other is not null && Lines.SequenceEqual(other.Lines);

    /// <summary>Reads one answer of the entitlements API.</summary>
    public static IEnumerable<ActualLine> Parse(string environment, string userId, string json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = new List<ActualLine>();
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            lines.Add(new ActualLine(
                environment,
                userId,
                item.GetProperty("orderId").GetGuid(),
                item.GetProperty("sku").GetString() ?? "",
                item.GetProperty("quantity").GetInt32()));
        }

        return lines;
    }
}
