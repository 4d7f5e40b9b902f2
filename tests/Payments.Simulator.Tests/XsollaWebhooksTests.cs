using System.Text;
using System.Text.Json;
using Payments.Contracts;
using Payments.Simulator.Vectors;
using Payments.Simulator.Xsolla;

namespace Payments.Simulator.Tests;

/// <summary>Xsolla signing and bodies against vectors X1–X4 and X1-neg (docs/providers/xsolla.md, test vectors).</summary>
public sealed class XsollaWebhooksTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly XsollaPurchase Purchase = new()
    {
        InvoiceId = "987654",
        UserId = "player-1",
        Items = [new OrderItem { Sku = "sword", Quantity = 2 }],
        Amount = 9.99m,
    };

    [Theory]
    [InlineData(XsollaVectors.X1Body, XsollaVectors.Secret, XsollaVectors.X1Authorization)]
    [InlineData(XsollaVectors.X2Body, XsollaVectors.SdkSecret, XsollaVectors.X2Authorization)]
    [InlineData(XsollaVectors.X3Body, XsollaVectors.Secret, XsollaVectors.X3Authorization)]
    [InlineData(XsollaVectors.X4Body, XsollaVectors.Secret, XsollaVectors.X4Authorization)]
    public void The_Authorization_header_reproduces_the_vectors(string body, string secret, string expected)
    {
        var request = XsollaWebhooks.SignedRequest("demo", body, secret);

        Assert.Equal(expected, request.Header("Authorization"));
        Assert.Equal(Encoding.UTF8.GetBytes(body), request.Body);
        Assert.Equal((HttpMethod.Post, "/webhooks/xsolla/demo", "application/json"), (request.Method, request.PathAndQuery, request.ContentType));
        Assert.Equal(XsollaWebhooks.Success, request.Answer);
    }

    [Fact]
    public void A_re_serialized_body_has_another_signature_X1_neg()
    {
        var indented = JsonSerializer.Serialize(JsonDocument.Parse(XsollaVectors.X1Body).RootElement, Indented);

        Assert.Equal(XsollaVectors.X1NegDigest, XsollaWebhooks.Signature(Encoding.UTF8.GetBytes(indented), XsollaVectors.Secret));
        Assert.NotEqual(XsollaVectors.X1Authorization, XsollaWebhooks.Authorization(indented, XsollaVectors.Secret));
    }

    [Fact]
    public void The_user_check_for_a_Cyrillic_name_is_X4_byte_for_byte()
    {
        var request = XsollaWebhooks.UserCheck("demo", XsollaVectors.Secret, "42", "Иван");

        Assert.Equal(XsollaVectors.X4Body, request.BodyText);
        Assert.Equal(XsollaVectors.X4Authorization, request.Header("Authorization"));
    }

    [Fact]
    public void A_request_may_carry_any_Authorization_or_none()
    {
        var body = Encoding.UTF8.GetBytes(XsollaVectors.X1Body);

        Assert.Null(XsollaWebhooks.Request("demo", body, authorization: null).Header("Authorization"));
        Assert.Equal("Bearer x", XsollaWebhooks.Request("demo", body, "Bearer x").Header("Authorization"));
        Assert.Equal("text/plain", XsollaWebhooks.Request("demo", body, "Bearer x", "text/plain").ContentType);
    }

    [Theory]
    [InlineData(XsollaWebhooks.Payment, "transaction", "id")]
    [InlineData(XsollaWebhooks.Refund, "transaction", "id")]
    [InlineData(XsollaWebhooks.PartialRefund, "transaction", "id")]
    [InlineData(XsollaWebhooks.OrderPaid, "order", "invoice_id")]
    [InlineData(XsollaWebhooks.OrderCanceled, "order", "invoice_id")]
    public void Every_webhook_of_one_purchase_names_the_same_invoice(string type, string objectName, string field)
    {
        using var body = JsonDocument.Parse(XsollaWebhooks.Body(type, Purchase));

        Assert.Equal(type, body.RootElement.GetProperty("notification_type").GetString());
        var invoice = body.RootElement.GetProperty(objectName).GetProperty(field);
        Assert.Equal("987654", invoice.ValueKind == JsonValueKind.Number ? invoice.GetRawText() : invoice.GetString());
    }

    [Fact]
    public void Every_type_is_signed_over_exactly_the_bytes_sent()
    {
        foreach (var type in XsollaWebhooks.Types)
        {
            var request = XsollaWebhooks.Webhook("demo", "s3cret", type, Purchase);

            Assert.Equal(XsollaWebhooks.Authorization(request.Body!, "s3cret"), request.Header("Authorization"));
            Assert.Contains($"\"notification_type\":\"{type}\"", request.BodyText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sandbox_payment_is_a_dry_run_and_a_sandbox_order_is_in_sandbox_mode()
    {
        using var payment = JsonDocument.Parse(XsollaWebhooks.Body(XsollaWebhooks.Payment, Purchase with { Sandbox = true }));
        using var order = JsonDocument.Parse(XsollaWebhooks.Body(XsollaWebhooks.OrderPaid, Purchase with { Sandbox = true }));
        using var production = JsonDocument.Parse(XsollaWebhooks.Body(XsollaWebhooks.Payment, Purchase));

        Assert.Equal(1, payment.RootElement.GetProperty("transaction").GetProperty("dry_run").GetInt32());
        Assert.Equal("sandbox", order.RootElement.GetProperty("order").GetProperty("mode").GetString());
        Assert.False(production.RootElement.GetProperty("transaction").TryGetProperty("dry_run", out _));
    }

    [Fact]
    public void Combined_mode_carries_the_payment_in_billing_and_a_cancellation_may_keep_status_paid()
    {
        using var paid = JsonDocument.Parse(XsollaWebhooks.Body(XsollaWebhooks.OrderPaid, Purchase, combined: true));
        using var canceled = JsonDocument.Parse(XsollaWebhooks.Body(XsollaWebhooks.OrderCanceled, Purchase, combined: true, statusStillPaid: true));
        using var separate = JsonDocument.Parse(XsollaWebhooks.Body(XsollaWebhooks.OrderCanceled, Purchase));

        Assert.Equal(987654, paid.RootElement.GetProperty("billing").GetProperty("transaction").GetProperty("id").GetInt64());
        Assert.Equal("paid", canceled.RootElement.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal("canceled", separate.RootElement.GetProperty("order").GetProperty("status").GetString());
        Assert.False(separate.RootElement.TryGetProperty("billing", out _));
    }

    [Fact]
    public void An_unknown_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => XsollaWebhooks.Body("subscription", Purchase));
    }
}
