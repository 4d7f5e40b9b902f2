using System.Net;
using System.Text.Json;
using Payments.Contracts;
using Payments.Simulator;

namespace Payments.Scenarios.Providers;

/// <summary>The game backend's registration of an order: <c>POST /orders</c>, answered <c>202</c>.</summary>
public sealed record OrderRegistration
{
    public required string UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>Decimal string such as <c>"9.99"</c>, or null for none.</summary>
    public string? Amount { get; init; }
    public string? Currency { get; init; }
}

public static class OrderRequests
{
    public static readonly ExpectedAnswer Accepted = new(HttpStatusCode.Accepted, null);

    public static ProviderRequest Place(OrderReference order, OrderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(registration);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            provider = order.Provider,
            account = order.Account,
            environment = order.Environment,
            providerOrderId = order.ProviderOrderId,
            userId = registration.UserId,
            items = registration.Items.Select(i => new { sku = i.Sku, quantity = i.Quantity }),
            amount = registration.Amount,
            currency = registration.Currency,
        });
        return new ProviderRequest(HttpMethod.Post, "/orders", body, "application/json", [], Accepted);
    }

    /// <summary><c>GET /orders/{provider}/{account}/{providerOrderId}?environment=…</c>.</summary>
    public static string ViewPath(OrderReference order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return $"/orders/{order.Provider}/{order.Account}/{Uri.EscapeDataString(order.ProviderOrderId)}?environment={order.Environment}";
    }
}
