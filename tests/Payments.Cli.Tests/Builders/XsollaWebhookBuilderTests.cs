using System.Text;
using System.Text.Json;
using Payments.Cli.Notifications;

namespace Payments.Cli.Tests.Builders;

/// <summary>The CLI's Xsolla signature against PROTOCOLS.md §2.6 (X1–X4, X1-neg), and the bodies it builds.</summary>
public sealed class XsollaWebhookBuilderTests
{
    private const string Secret = "my_webhook_secret_key";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [InlineData(
        """{"notification_type":"user_validation","user":{"ip":"127.0.0.1","phone":"18777976552","email":"email@example.com","id":1234567,"name":"Xsolla User","country":"US"}}""",
        Secret, "Signature 0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("""{"notification_type": "payment"}""", "PROJECT_SECRET_KEY", "Signature 89404631c86da9f508954da7b50799199a6b1d3a")]
    [InlineData(
        """{"notification_type":"order_paid","items":[{"sku":"virtual-good-item_test","type":"virtual_good","is_pre_order":false,"quantity":3,"amount":"1000","promotions":[]}],"order":{"id":1,"mode":"default","currency_type":"virtual","currency":"sku_currency","amount":"2000","status":"paid","platform":"xsolla","comment":null,"invoice_id":"1"},"user":{"external_id":"id_xsolla_login_1","email":"gc_user@xsolla.com"}}""",
        Secret, "Signature 516dd0116e786ed9db561384d67ba4c8e0ed31c2")]
    [InlineData("""{"notification_type":"user_validation","user":{"id":"42","name":"Иван"}}""", Secret, "Signature 64d21639455562930607c75d2605168d4ccf8020")]
    public void The_Authorization_header_reproduces_the_vectors(string body, string secret, string expected)
    {
        var request = XsollaWebhookBuilder.Request("demo", body, secret);

        Assert.Equal(expected, request.Headers.Single(h => h.Key == "Authorization").Value);
        Assert.Equal(Encoding.UTF8.GetBytes(body), request.Body);
        Assert.Equal(("/webhooks/xsolla/demo", "application/json"), (request.PathAndQuery, request.ContentType));
    }

    [Fact]
    public void A_re_serialized_body_has_another_signature_X1_neg()
    {
        const string x1 = """{"notification_type":"user_validation","user":{"ip":"127.0.0.1","phone":"18777976552","email":"email@example.com","id":1234567,"name":"Xsolla User","country":"US"}}""";
        var indented = JsonSerializer.Serialize(JsonDocument.Parse(x1).RootElement, Indented);

        Assert.Equal("d5515d24e419e4459fcce2fd2cc7458ce2eb66ee", XsollaSignature.Sign(Encoding.UTF8.GetBytes(indented), Secret));
    }

    [Theory]
    [InlineData("payment", "transaction", "id")]
    [InlineData("refund", "transaction", "id")]
    [InlineData("partial_refund", "transaction", "id")]
    [InlineData("order_paid", "order", "invoice_id")]
    [InlineData("order_canceled", "order", "invoice_id")]
    public void Every_webhook_of_one_purchase_names_the_same_invoice(string type, string objectName, string field)
    {
        var purchase = new Purchase { Account = "demo", Order = "987654", User = "player-1", Sku = "sword", Amount = "9.99", Currency = "USD" };

        using var body = JsonDocument.Parse(XsollaWebhookBuilder.Body(type, purchase, DateTimeOffset.UnixEpoch));

        Assert.Equal(type, body.RootElement.GetProperty("notification_type").GetString());
        var invoice = body.RootElement.GetProperty(objectName).GetProperty(field);
        Assert.Equal("987654", invoice.ValueKind == JsonValueKind.Number ? invoice.GetRawText() : invoice.GetString());
    }

    [Fact]
    public void A_sandbox_payment_is_a_dry_run_and_a_sandbox_order_is_in_sandbox_mode()
    {
        var purchase = new Purchase { Account = "demo", Order = "1", User = "u", Sku = "s", Sandbox = true };

        using var payment = JsonDocument.Parse(XsollaWebhookBuilder.Body("payment", purchase, DateTimeOffset.UnixEpoch));
        using var order = JsonDocument.Parse(XsollaWebhookBuilder.Body("order_paid", purchase, DateTimeOffset.UnixEpoch));
        using var production = JsonDocument.Parse(XsollaWebhookBuilder.Body("payment", purchase with { Sandbox = false }, DateTimeOffset.UnixEpoch));

        Assert.Equal(1, payment.RootElement.GetProperty("transaction").GetProperty("dry_run").GetInt32());
        Assert.Equal("sandbox", order.RootElement.GetProperty("order").GetProperty("mode").GetString());
        Assert.False(production.RootElement.GetProperty("transaction").TryGetProperty("dry_run", out _));
    }
}
