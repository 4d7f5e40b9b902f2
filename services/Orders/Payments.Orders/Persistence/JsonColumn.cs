using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payments.Orders.Persistence;

/// <summary>
/// Stores a list of immutable records as JSON text. The list itself is changed in place (the timeline grows, an entry
/// is replaced by a copy with a higher duplicate count), so the change tracker keeps a shallow copy as its snapshot
/// and compares element by element with the records' value equality: a change is seen without serializing the list.
/// The column is serialized only when the row is written.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property)
        where T : IEquatable<T> =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => JsonSerializer.Deserialize<List<T>>(text, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
                value => HashOf(value),
                value => new List<T>(value)));

    private static int HashOf<T>(List<T> value)
    {
        var hash = new HashCode();
        hash.Add(value.Count);
        foreach (var item in value)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
