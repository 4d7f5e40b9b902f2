using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Ingress.Tests.Support;

/// <summary>Builds what RuStore would send: AES-256-GCM, Base64 of IV(12) ‖ ciphertext ‖ tag(16), no AAD.</summary>
internal static class RuStoreSealer
{
    public static string Seal(byte[] key, string plaintext, byte[]? iv = null) =>
        Convert.ToBase64String(SealBytes(key, Encoding.UTF8.GetBytes(plaintext), iv));

    public static byte[] SealBytes(byte[] key, byte[] plaintext, byte[]? iv = null)
    {
        iv ??= RandomNumberGenerator.GetBytes(12);
        var output = new byte[12 + plaintext.Length + 16];
        iv.CopyTo(output, 0);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(iv, plaintext, output.AsSpan(12, plaintext.Length), output.AsSpan(12 + plaintext.Length, 16));
        return output;
    }

    /// <summary>The outer request body around a sealed payload.</summary>
    public static string Body(string payload, string id = "n-1", string? timestamp = "2025-11-18T10:38:58.619Z") =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["id"] = id, ["timestamp"] = timestamp, ["payload"] = payload });

    /// <summary>A decrypted payload with <c>data</c> given as a JSON string, as RuStore sends it.</summary>
    public static string InvoiceStatusPlaintext(
        string type = "INVOICE_STATUS", string status = "confirmed", string invoiceId = "inv-1", string orderId = "order-1", bool dataAsObject = false)
    {
        var data = new Dictionary<string, string>
        {
            ["change_status_time"] = "2025-11-18T10:38:58.619Z",
            ["product_code"] = "gems_100",
            ["status_new"] = status,
            ["status_old"] = "paid",
            ["purchase_token"] = "token-1",
            ["invoice_id"] = invoiceId,
            ["order_id"] = orderId,
            ["purchase_id"] = "purchase-1",
        };
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["app_id"] = 777,
            ["notification_type"] = type,
            ["data"] = dataAsObject ? data : JsonSerializer.Serialize(data),
        });
    }

    public static string TestEventPlaintext(string type = "TEST_EVENT") =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["app_id"] = 777, ["notification_type"] = type, ["data"] = """{"test":"TEST"}""" });
}
