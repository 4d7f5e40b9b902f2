using System.Text.Json;
using Payments.Contracts;

namespace Payments.Ingress.Xsolla;

/// <summary>Purchased items, read where each webhook kind puts them (docs/providers/xsolla.md#request-format). Lines without a sku or a positive count are left out.</summary>
internal static class XsollaItems
{
    /// <summary>Order webhooks: <c>items[]</c> with <c>sku</c> and <c>quantity</c>.</summary>
    public static IReadOnlyList<OrderItem> FromOrder(JsonElement root) => Lines(root, "items", "quantity").ToArray();

    /// <summary>
    /// payment / refund: <c>purchase.virtual_items.items[]</c>, whose <c>amount</c> is the item count, not money
    /// (docs/providers/xsolla.md, decision A19), then <c>purchase.virtual_currency</c> when it names a sku.
    /// </summary>
    public static IReadOnlyList<OrderItem> FromPurchase(JsonElement? purchase)
    {
        var items = Lines(XsollaJson.Object(purchase, "virtual_items"), "items", "amount").ToList();
        if (Line(XsollaJson.Object(purchase, "virtual_currency"), "quantity") is { } currency)
        {
            items.Add(currency);
        }

        return items;
    }

    private static IEnumerable<OrderItem> Lines(JsonElement? parent, string arrayName, string countName)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } element
            || !element.TryGetProperty(arrayName, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var entry in array.EnumerateArray())
        {
            if (Line(entry, countName) is { } line)
            {
                yield return line;
            }
        }
    }

    private static OrderItem? Line(JsonElement? entry, string countName) =>
        XsollaJson.Text(entry, "sku") is { } sku && XsollaJson.Int32(entry, countName) is > 0 and var quantity
            ? new OrderItem { Sku = sku, Quantity = quantity }
            : null;
}
