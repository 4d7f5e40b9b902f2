using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Testing;

/// <summary>
/// Builds RuStore notification bodies the way RuStore does (PROTOCOLS.md §1.2): the payload JSON, whose
/// <c>data</c> is itself a JSON string, sealed with AES-256-GCM as Base64 of IV(12) ‖ ciphertext ‖ tag(16).
/// </summary>
public static class RuStoreNotification
{
    public static string InvoiceStatusPayload(string orderId, string status, string productCode = "sku-1", string? invoiceId = null, string type = "INVOICE_STATUS", string? purchaseId = null)
    {
        var data = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["change_status_time"] = "2026-11-21T10:00:00.000Z",
            ["product_code"] = productCode,
            ["status_new"] = status,
            ["status_old"] = "executed",
            ["purchase_token"] = "token",
            ["invoice_id"] = invoiceId ?? $"inv-{orderId}",
            ["order_id"] = orderId,
            ["purchase_id"] = purchaseId ?? $"pur-{orderId}",
        });
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["app_id"] = 12345, ["notification_type"] = type, ["data"] = data });
    }

    public static string Seal(string plaintext, byte[] key, byte[]? iv = null)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        var sealedPayload = new byte[12 + bytes.Length + 16];
        if (iv is null)
        {
            RandomNumberGenerator.Fill(sealedPayload.AsSpan(0, 12));
        }
        else
        {
            iv.CopyTo(sealedPayload, 0);
        }

        using var aes = new AesGcm(key, tagSizeInBytes: 16);
        aes.Encrypt(sealedPayload.AsSpan(0, 12), bytes, sealedPayload.AsSpan(12, bytes.Length), sealedPayload.AsSpan(12 + bytes.Length));
        return Convert.ToBase64String(sealedPayload);
    }

    public static string Body(string sealedPayload, string id = "n-1", string timestamp = "2026-11-21T10:00:00.619Z") =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = id, ["timestamp"] = timestamp, ["payload"] = sealedPayload });
}
