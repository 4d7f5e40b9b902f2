using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payments.Simulator;
using Payments.Simulator.RuStore;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>The one payment path of the foundation, over real HTTP, whatever hosts serve it.</summary>
internal static class PaymentPath
{
    /// <param name="credentials">The key the host accepts; default <see cref="ApiCredentials.Tests"/>.</param>
    public static async Task PlaceOrderAsync(Uri orders, string account, string orderId, string userId, string sku, ApiCredentials? credentials = null)
    {
        using var client = (credentials ?? ApiCredentials.Tests).Client(orders);
        var response = await client.PostAsJsonAsync("/orders", new
        {
            provider = "rustore",
            account,
            environment = "production",
            providerOrderId = orderId,
            userId,
            items = new[] { new { sku, quantity = 1 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.TryGetProperty("orderId", out _));

        // Registration is asynchronous (202); wait until the saga has it, so the timeline order is deterministic.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync($"/orders/rustore/{account}/{orderId}")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"order {orderId} was never registered");
            await Task.Delay(100);
        }
    }

    /// <param name="traceparent">A W3C <c>traceparent</c> header to send along, as any caller may.</param>
    public static async Task<HttpResponseMessage> SendRuStoreAsync(Uri ingress, string account, byte[] key, string orderId, string status, string sku, string? traceparent = null)
    {
        using var client = new HttpClient { BaseAddress = ingress };
        using var request = RuStoreNotification(account, key, orderId, status, sku).WithHeader("traceparent", traceparent).ToHttpRequest(ingress);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// A RuStore <c>INVOICE_STATUS</c> of <paramref name="orderId"/> sealed with <paramref name="key"/> by the provider
    /// simulator; the notification id names order and status, so a resend of one status is a duplicate.
    /// </summary>
    public static ProviderRequest RuStoreNotification(
        string account, byte[] key, string orderId, string status, string sku, string? invoiceId = null, string? purchaseId = null, string? notificationId = null)
    {
        var data = new RuStoreInvoiceStatus
        {
            InvoiceId = invoiceId ?? $"inv-{orderId}",
            OrderId = orderId,
            ProductCode = sku,
            StatusNew = status,
            StatusOld = RuStoreNotifications.PreviousStatus(status),
            ChangeStatusTime = "2026-11-21T10:00:00.000Z",
            PurchaseId = purchaseId ?? $"pur-{orderId}",
            PurchaseToken = "token",
        };
        return RuStoreNotifications.Notification(
            account, key, RuStoreNotifications.InvoiceStatusPlaintext(data), notificationId ?? $"n-{orderId}-{status}", new DateTimeOffset(2026, 11, 21, 10, 0, 0, 619, TimeSpan.Zero));
    }

    /// <summary>Polls the user's entitlements until <paramref name="sku"/> is listed, or fails after the timeout.</summary>
    public static async Task<JsonElement> WaitForEntitlementAsync(Uri entitlements, string userId, string sku, Func<string> diagnostics, ApiCredentials? credentials = null)
    {
        using var client = (credentials ?? ApiCredentials.Tests).Client(entitlements);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStringAsync($"/users/{userId}/entitlements");
            var root = JsonDocument.Parse(last).RootElement;
            if (root.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("sku").GetString() == sku))
            {
                return root;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{sku} was never granted to {userId}; last answer {last}\n{diagnostics()}");
        throw new InvalidOperationException("unreachable");
    }

    public static async Task<JsonElement> GetOrderAsync(Uri orders, string account, string orderId, ApiCredentials? credentials = null)
    {
        using var client = (credentials ?? ApiCredentials.Tests).Client(orders);
        var response = await client.GetAsync($"/orders/rustore/{account}/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>What the foundation promises once the path went through: paid, granted, with a timeline.</summary>
    public static void AssertPaidWithTimeline(JsonElement order, string userId, string sku)
    {
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Equal(userId, order.GetProperty("userId").GetString());
        Assert.True(order.GetProperty("granted").GetBoolean());
        Assert.False(order.GetProperty("revoked").GetBoolean());
        Assert.False(order.GetProperty("awaitingDetails").GetBoolean());
        Assert.Equal(sku, order.GetProperty("items")[0].GetProperty("sku").GetString());
        var events = order.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["order.placed", "payment.succeeded", "order.granted"], events);
        Assert.All(order.GetProperty("timeline").EnumerateArray(), e => Assert.True(e.GetProperty("applied").GetBoolean()));
    }
}
