using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Payments.Cli.Notifications;

namespace Payments.Cli.Tests.Builders;

/// <summary>The CLI's RuStore sealing against PROTOCOLS.md §1.6 (RS-1, RS-2), and the payload it builds.</summary>
public sealed class RuStoreNotificationBuilderTests
{
    private const string KeyBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private const string Rs1Plaintext =
        """{"app_id":12345,"notification_type":"INVOICE_STATUS","data":"{\"change_status_time\":\"1970-01-01T00:00:00Z\",\"product_code\":\"test_test\",\"status_new\":\"paid\",\"status_old\":\"executed\",\"purchase_token\":\"111.123\",\"invoice_id\":\"123\",\"order_id\":\"123e4567e89b-12d3-a456-4266-55440000\",\"purchase_id\":\"123e4567e89b-12d3-a456-4266-55440000\"}"}""";

    private const string Rs1Payload =
        "EBESExQVFhcYGRobBtz5ZjmWU9foTzkvPE1cf/U+IXpypD7Sho2LCDALIKIgjHU51+8guTF/0RTVy0daR+kUUc+pPZPIfxgL0ez4SWaQXk0u21RHGeFBi6uenNdQ3M6PXMFwC7nHEDLetc4lTVN+hoiaS6teOYsvTlGOsCW4h0Kd3I2g1ZG/hiOQwke/t6FVAr21hgTD2vGQlWYM20IcKCWGpYXZiGi30NedSq2z02+ipLPSjxNlzuJnDi6NN5SZtwLRHJvAw26W8bdpEoB/P46F/JrTcdx5Jn1g/ub4LWIrjH+VWybpxkGZ2/r1zTlSOgHYDEN+icYSucFoXN+H2FFlbJzKcoW7dGeev1EvC9PjFhJ4e5d/zzEWwd7AOq5GIekQvoW8WRBh36iiJHzg9UvazsOOogGUBd11ZlrNbRmPzSzPGKKN7GIkH/ghiTWqPh1NFG2q5mey4QWdRTnK1U8u2+uGsrdzFTTDzDjHPOYfRikW+IgAz/tnDoyDvsgg1qnQnw==";

    private const string Rs2Plaintext = """{"app_id":12345,"notification_type":"TEST_EVENT","data":"{\"test\":\"TEST\"}"}""";

    private const string Rs2Payload =
        "ICEiIyQlJicoKSorqRjHABzHc2o4RnP88izB1fIng+ju5gqNDYIFfSfVKnAF68c+rHFwiUCiK8QdR0vqzgiI7+5dD1vsGSM/ONd5qYQE91e0w6DF3zbLWpkgiJJChZmy+zD9RElhoB6ejQ==";

    [Fact]
    public void With_the_vector_IV_the_seal_reproduces_RS_1()
    {
        var sealedPayload = RuStoreNotificationBuilder.Seal(Rs1Plaintext, RuStoreNotificationBuilder.ParseKey(KeyBase64), Convert.FromHexString("101112131415161718191a1b"));

        Assert.Equal(Rs1Payload, sealedPayload);
        Assert.Equal(388, Convert.FromBase64String(sealedPayload).Length);
        Assert.Equal("f88800cffb670e8c83bec820d6a9d09f", Convert.ToHexStringLower(Convert.FromBase64String(sealedPayload)[^16..]));
    }

    [Fact]
    public void With_the_vector_IV_the_seal_reproduces_RS_2_and_the_key_may_be_given_in_hex()
    {
        var key = RuStoreNotificationBuilder.ParseKey("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        Assert.Equal(Rs2Payload, RuStoreNotificationBuilder.Seal(Rs2Plaintext, key, Convert.FromHexString("202122232425262728292a2b")));
    }

    [Fact]
    public void A_random_IV_gives_a_fresh_payload_that_opens_with_the_key_to_the_same_plaintext()
    {
        var key = RuStoreNotificationBuilder.ParseKey(KeyBase64);

        var first = RuStoreNotificationBuilder.Seal(Rs1Plaintext, key);
        var second = RuStoreNotificationBuilder.Seal(Rs1Plaintext, key);

        Assert.NotEqual(first, second);
        Assert.Equal(Rs1Plaintext, Open(first, key));
        Assert.Equal(Rs1Plaintext, Open(second, key));
    }

    [Fact]
    public void The_invoice_status_payload_carries_data_as_a_JSON_string_with_every_documented_field()
    {
        var purchase = new Purchase { Account = "demo", Order = "order-7", User = "u", Sku = "sword", Sandbox = true };

        var plaintext = RuStoreNotificationBuilder.Plaintext(purchase, "refunded", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        using var payload = JsonDocument.Parse(plaintext);
        Assert.Equal("INVOICE_STATUS_SANDBOX", payload.RootElement.GetProperty("notification_type").GetString());
        using var data = JsonDocument.Parse(payload.RootElement.GetProperty("data").GetString()!);
        Assert.Equal(
            ["change_status_time", "product_code", "status_new", "status_old", "purchase_token", "invoice_id", "order_id", "purchase_id"],
            data.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("refunded", "confirmed", "order-7", "inv-order-7", "sword", "2026-01-02T03:04:05.000Z"), (
            data.RootElement.GetProperty("status_new").GetString(), data.RootElement.GetProperty("status_old").GetString(),
            data.RootElement.GetProperty("order_id").GetString(), data.RootElement.GetProperty("invoice_id").GetString(),
            data.RootElement.GetProperty("product_code").GetString(), data.RootElement.GetProperty("change_status_time").GetString()));
    }

    [Fact]
    public void The_test_event_is_the_documented_connection_check()
    {
        var purchase = new Purchase { Account = "demo", Order = "o", User = "u", Sku = "s" };

        Assert.Equal(Rs2Plaintext, RuStoreNotificationBuilder.Plaintext(purchase, RuStoreEvents.Test, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw=")]
    [InlineData("not base64 at all")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e")]
    public void A_key_that_is_not_32_bytes_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => RuStoreNotificationBuilder.ParseKey(text));
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
