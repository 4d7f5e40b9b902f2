using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Payments.Cli.Notifications;

/// <summary>
/// RuStore notifications as RuStore sends them (PROTOCOLS.md §1.1–1.2): <c>POST /webhooks/rustore/{account}</c>
/// with <c>{"id","timestamp","payload"}</c>, where <c>payload</c> is Base64 of IV(12) ‖ ciphertext ‖ tag(16),
/// AES-256-GCM with no AAD, around <c>{"app_id","notification_type","data"}</c> whose <c>data</c> is a JSON string.
/// </summary>
internal static class RuStoreNotificationBuilder
{
    public const int IvLength = 12;
    public const int TagLength = 16;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The decrypted payload of an <c>INVOICE_STATUS</c> (or <c>_SANDBOX</c>) notification, or of a <c>TEST_EVENT</c>.</summary>
    public static string Plaintext(Purchase purchase, string status, DateTimeOffset changedAt, string? invoiceId = null, long appId = 12345)
    {
        var sandbox = purchase.Sandbox ? "_SANDBOX" : "";
        if (status == RuStoreEvents.Test)
        {
            return JsonSerializer.Serialize(
                new Dictionary<string, object> { ["app_id"] = appId, ["notification_type"] = $"TEST_EVENT{sandbox}", ["data"] = """{"test":"TEST"}""" }, Compact);
        }

        var data = JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["change_status_time"] = changedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["product_code"] = purchase.Sku,
                ["status_new"] = status,
                ["status_old"] = RuStoreEvents.PreviousOf(status),
                ["purchase_token"] = $"token-{purchase.Order}",
                ["invoice_id"] = invoiceId ?? $"inv-{purchase.Order}",
                ["order_id"] = purchase.Order,
                ["purchase_id"] = $"pur-{purchase.Order}",
            },
            Compact);
        return JsonSerializer.Serialize(
            new Dictionary<string, object> { ["app_id"] = appId, ["notification_type"] = $"INVOICE_STATUS{sandbox}", ["data"] = data }, Compact);
    }

    /// <summary>Base64 of IV ‖ AES-256-GCM(plaintext) ‖ tag; a random IV unless one is given (a fixed IV reproduces the vectors).</summary>
    public static string Seal(string plaintext, byte[] key, byte[]? iv = null)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("A RuStore key is 32 bytes (Base64 of 44 characters, or 64 hex digits).", nameof(key));
        }

        if (iv is not null && iv.Length != IvLength)
        {
            throw new ArgumentException($"The IV is {IvLength} bytes.", nameof(iv));
        }

        var bytes = Encoding.UTF8.GetBytes(plaintext);
        var sealedPayload = new byte[IvLength + bytes.Length + TagLength];
        if (iv is null)
        {
            RandomNumberGenerator.Fill(sealedPayload.AsSpan(0, IvLength));
        }
        else
        {
            iv.CopyTo(sealedPayload, 0);
        }

        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(sealedPayload.AsSpan(0, IvLength), bytes, sealedPayload.AsSpan(IvLength, bytes.Length), sealedPayload.AsSpan(IvLength + bytes.Length));
        return Convert.ToBase64String(sealedPayload);
    }

    public static string Body(string sealedPayload, string notificationId, DateTimeOffset timestamp) =>
        JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["id"] = notificationId,
                ["timestamp"] = timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["payload"] = sealedPayload,
            },
            Compact);

    public static OutgoingRequest Request(string account, string body) => OutgoingRequest.Json($"/webhooks/rustore/{Uri.EscapeDataString(account)}", body);

    /// <summary>The console shows the key as Base64 of 32 bytes; 64 hex digits are accepted too (PROTOCOLS A2).</summary>
    public static byte[] ParseKey(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 64 && trimmed.All(Uri.IsHexDigit))
        {
            return Convert.FromHexString(trimmed);
        }

        try
        {
            var key = Convert.FromBase64String(trimmed);
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new FormatException("A RuStore key is Base64 of 32 bytes (44 characters) or 64 hex digits.");
    }
}
