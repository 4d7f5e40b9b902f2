using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Standalone;

/// <summary>
/// Builds a RuStore INVOICE_STATUS notification encrypted with the development key, exactly as RuStore does
/// (docs/providers/rustore.md#verification: Base64 of IV(12) ‖ ciphertext ‖ tag(16), AES-256-GCM, no AAD), for the start-up hint.
/// </summary>
internal static class DemoNotification
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A RoboKassa ResultURL query for invoice <paramref name="invId"/>, signed with the development Password#2 (MD5).</summary>
    public static string RoboKassaResultQuery(string invId, string outSum, string userId)
    {
        var signed = $"{outSum}:{invId}:{DevelopmentSecrets.RoboKassaPassword2}:Shp_user={userId}";
        // MD5 is RoboKassa's default signature algorithm (docs/providers/robokassa.md#verification); it is the provider's choice, not ours.
#pragma warning disable CA5351
        var signature = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(signed)));
#pragma warning restore CA5351
        return $"OutSum={outSum}&InvId={invId}&Shp_user={userId}&SignatureValue={signature}";
    }

    public static string RuStoreBody(string orderId, string status, string productCode)
    {
        var data = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["change_status_time"] = DateTimeOffset.UtcNow.ToString("O"),
            ["product_code"] = productCode,
            ["status_new"] = status,
            ["status_old"] = "executed",
            ["purchase_token"] = "demo-token",
            ["invoice_id"] = $"inv-{orderId}",
            ["order_id"] = orderId,
            ["purchase_id"] = $"pur-{orderId}",
        });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["app_id"] = 12345,
            ["notification_type"] = "INVOICE_STATUS",
            ["data"] = data,
        });

        var plaintext = Encoding.UTF8.GetBytes(payload);
        var sealedPayload = new byte[12 + plaintext.Length + 16];
        var iv = sealedPayload.AsSpan(0, 12);
        RandomNumberGenerator.Fill(iv);
        using var aes = new AesGcm(Convert.FromBase64String(DevelopmentSecrets.RuStoreKey), tagSizeInBytes: 16);
        aes.Encrypt(iv, plaintext, sealedPayload.AsSpan(12, plaintext.Length), sealedPayload.AsSpan(12 + plaintext.Length));

        // Relaxed escaping keeps '+' in the Base64 readable in the printed curl command; the JSON is the same.
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["id"] = $"demo-{Guid.NewGuid():N}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["payload"] = Convert.ToBase64String(sealedPayload),
        }, Readable);
    }
}
