using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Payments.Simulator.RuStore;
using Payments.Simulator.Vectors;

namespace Payments.Simulator.Tests;

/// <summary>RuStore sealing and payloads against vectors RS-1 and RS-2 (docs/providers/rustore.md, test vectors).</summary>
public sealed class RuStoreNotificationsTests
{
    /// <summary>The documented INVOICE_STATUS example of RS-1 as the builder's input.</summary>
    private static readonly RuStoreInvoiceStatus Rs1Data = new()
    {
        ChangeStatusTime = "1970-01-01T00:00:00Z",
        ProductCode = "test_test",
        StatusNew = "paid",
        StatusOld = "executed",
        PurchaseToken = "111.123",
        InvoiceId = "123",
        OrderId = "123e4567e89b-12d3-a456-4266-55440000",
        PurchaseId = "123e4567e89b-12d3-a456-4266-55440000",
    };

    [Fact]
    public void The_RS_1_example_builds_the_vector_plaintext_byte_for_byte()
    {
        Assert.Equal(RuStoreVectors.Rs1Plaintext, RuStoreNotifications.InvoiceStatusPlaintext(Rs1Data));
    }

    [Fact]
    public void With_the_vector_IV_the_seal_reproduces_RS_1()
    {
        var sealedPayload = RuStoreNotifications.Seal(
            RuStoreNotifications.ParseKey(RuStoreVectors.KeyBase64), RuStoreVectors.Rs1Plaintext, Convert.FromHexString(RuStoreVectors.Rs1IvHex));

        Assert.Equal(RuStoreVectors.Rs1Payload, sealedPayload);
        Assert.Equal(388, Convert.FromBase64String(sealedPayload).Length);
        Assert.Equal(RuStoreVectors.Rs1TagHex, Convert.ToHexStringLower(Convert.FromBase64String(sealedPayload)[^16..]));
    }

    [Fact]
    public void The_RS_1_request_body_is_the_documented_end_to_end_body()
    {
        var request = RuStoreNotifications.Request("demo", RuStoreNotifications.Body(RuStoreVectors.Rs1Payload, "12345", "2022-07-08T13:24:41.8328711+03:00"));

        Assert.Equal(RuStoreVectors.Rs1Body, request.BodyText);
        Assert.Equal((HttpMethod.Post, "/webhooks/rustore/demo", "application/json"), (request.Method, request.PathAndQuery, request.ContentType));
        Assert.Equal(RuStoreNotifications.Success, request.Answer);
    }

    [Fact]
    public void With_the_vector_IV_the_seal_reproduces_RS_2_and_the_key_may_be_given_in_hex()
    {
        var key = RuStoreNotifications.ParseKey(RuStoreVectors.KeyHex);

        Assert.Equal(RuStoreVectors.Rs2Payload, RuStoreNotifications.Seal(key, RuStoreVectors.Rs2Plaintext, Convert.FromHexString(RuStoreVectors.Rs2IvHex)));
    }

    [Fact]
    public void The_test_event_is_the_documented_connection_check_RS_2()
    {
        Assert.Equal(RuStoreVectors.Rs2Plaintext, RuStoreNotifications.TestEventPlaintext());
        Assert.Contains("\"notification_type\":\"TEST_EVENT_SANDBOX\"", RuStoreNotifications.TestEventPlaintext(sandbox: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_random_IV_gives_a_fresh_payload_that_opens_with_the_key_to_the_same_plaintext()
    {
        var first = RuStoreNotifications.Seal(RuStoreVectors.Key, RuStoreVectors.Rs1Plaintext);
        var second = RuStoreNotifications.Seal(RuStoreVectors.Key, RuStoreVectors.Rs1Plaintext);

        Assert.NotEqual(first, second);
        Assert.Equal(RuStoreVectors.Rs1Plaintext, Open(first, RuStoreVectors.Key));
        Assert.Equal(RuStoreVectors.Rs1Plaintext, Open(second, RuStoreVectors.Key));
    }

    [Fact]
    public void A_tampered_tag_no_longer_opens()
    {
        var tampered = RuStoreNotifications.TamperTag(RuStoreVectors.Rs1Payload);

        Assert.NotEqual(RuStoreVectors.Rs1Payload, tampered);
        Assert.Equal(Convert.FromBase64String(RuStoreVectors.Rs1Payload)[..^1], Convert.FromBase64String(tampered)[..^1]);
        Assert.ThrowsAny<CryptographicException>(() => Open(tampered, RuStoreVectors.Key));
    }

    [Fact]
    public void The_invoice_status_payload_carries_data_as_a_JSON_string_with_every_documented_field()
    {
        var data = Rs1Data with { StatusNew = "refunded", StatusOld = RuStoreNotifications.PreviousStatus("refunded"), ChangeStatusTime = RuStoreNotifications.Time(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)) };

        using var payload = JsonDocument.Parse(RuStoreNotifications.InvoiceStatusPlaintext(data, sandbox: true));

        Assert.Equal("INVOICE_STATUS_SANDBOX", payload.RootElement.GetProperty("notification_type").GetString());
        using var inner = JsonDocument.Parse(payload.RootElement.GetProperty("data").GetString()!);
        Assert.Equal(
            ["change_status_time", "product_code", "status_new", "status_old", "purchase_token", "invoice_id", "order_id", "purchase_id"],
            inner.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("refunded", "confirmed", "2026-01-02T03:04:05.000Z"), (
            inner.RootElement.GetProperty("status_new").GetString(), inner.RootElement.GetProperty("status_old").GetString(),
            inner.RootElement.GetProperty("change_status_time").GetString()));
    }

    [Fact]
    public void A_deliberately_odd_payload_can_name_any_type_and_carry_data_as_an_object()
    {
        using var payload = JsonDocument.Parse(RuStoreNotifications.InvoiceStatusPlaintext(Rs1Data, notificationType: "SUBSCRIPTION_EVENT", dataAsObject: true));

        Assert.Equal("SUBSCRIPTION_EVENT", payload.RootElement.GetProperty("notification_type").GetString());
        Assert.Equal("paid", payload.RootElement.GetProperty("data").GetProperty("status_new").GetString());
    }

    [Fact]
    public void A_notification_is_sealed_anew_on_every_call_with_the_given_id_and_time()
    {
        var plaintext = RuStoreNotifications.InvoiceStatusPlaintext(Rs1Data);
        var time = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

        var first = RuStoreNotifications.Notification("demo", RuStoreVectors.Key, plaintext, "n-7", time);
        var second = RuStoreNotifications.Notification("demo", RuStoreVectors.Key, plaintext, "n-7", time);

        Assert.NotEqual(first.BodyText, second.BodyText);
        using var body = JsonDocument.Parse(first.Body);
        Assert.Equal(("n-7", "2026-11-21T10:00:00.000Z"), (body.RootElement.GetProperty("id").GetString(), body.RootElement.GetProperty("timestamp").GetString()));
        Assert.Equal(plaintext, Open(body.RootElement.GetProperty("payload").GetString()!, RuStoreVectors.Key));
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw=")]
    [InlineData("not base64 at all")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e")]
    public void A_key_that_is_not_32_bytes_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => RuStoreNotifications.ParseKey(text));
    }

    private static string Open(string sealedPayload, byte[] key)
    {
        var bytes = Convert.FromBase64String(sealedPayload);
        var plaintext = new byte[bytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(12, plaintext.Length), bytes.AsSpan(^16), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }
}
