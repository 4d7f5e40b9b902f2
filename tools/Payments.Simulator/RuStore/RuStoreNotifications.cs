using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Simulator.RuStore;

/// <summary>
/// RuStore notifications as RuStore sends them (docs/providers/rustore.md): <c>POST /webhooks/rustore/{account}</c>
/// with <c>{"id","timestamp","payload"}</c>, where <c>payload</c> is Base64 of IV(12) ‖ ciphertext ‖ tag(16),
/// AES-256-GCM with no AAD, around <c>{"app_id","notification_type","data"}</c> whose <c>data</c> is itself a JSON
/// string. Success is <c>200</c> with an empty body.
/// </summary>
public static class RuStoreNotifications
{
    public const int IvLength = 12;
    public const int TagLength = 16;
    public const int KeyLength = 32;

    public const string InvoiceStatusType = "INVOICE_STATUS";
    public const string InvoiceStatusSandboxType = "INVOICE_STATUS_SANDBOX";
    public const string TestEventType = "TEST_EVENT";
    public const string TestEventSandboxType = "TEST_EVENT_SANDBOX";

    /// <summary>Every documented <c>status_new</c>, in the lowercase the examples use.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["executed", "paid", "confirmed", "cancelled", "rejected", "expired", "reversed", "refunded"];

    public static readonly ExpectedAnswer Success = new(HttpStatusCode.OK, "");

    public static string Path(string account) => $"/webhooks/rustore/{Uri.EscapeDataString(account)}";

    /// <summary>The <c>status_old</c> a real lifecycle would show before <paramref name="status"/>.</summary>
    public static string PreviousStatus(string status) => status switch
    {
        "executed" => "created",
        "reversed" => "paid",
        "refunded" => "confirmed",
        _ => "executed",
    };

    /// <summary>ISO 8601 UTC with milliseconds, as RuStore's newer pages show it (<c>2025-11-18T10:38:58.619Z</c>).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The decrypted payload of an <c>INVOICE_STATUS</c> (or, when <paramref name="sandbox"/>, <c>_SANDBOX</c>)
    /// notification. <paramref name="notificationType"/> overrides the type and <paramref name="dataAsObject"/> sends
    /// <c>data</c> as an object instead of a string, both for tests of what the receiver does with them.
    /// </summary>
    public static string InvoiceStatusPlaintext(RuStoreInvoiceStatus data, bool sandbox = false, string? notificationType = null, bool dataAsObject = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fields = new Dictionary<string, string>
        {
            ["change_status_time"] = data.ChangeStatusTime,
            ["product_code"] = data.ProductCode,
            ["status_new"] = data.StatusNew,
            ["status_old"] = data.StatusOld,
            ["purchase_token"] = data.PurchaseToken,
            ["invoice_id"] = data.InvoiceId,
            ["order_id"] = data.OrderId,
            ["purchase_id"] = data.PurchaseId,
        };
        return Payload(
            data.AppId,
            notificationType ?? (sandbox ? InvoiceStatusSandboxType : InvoiceStatusType),
            dataAsObject ? fields : JsonSerializer.Serialize(fields, CompactJson.Options));
    }

    /// <summary>The console's connection check: <c>TEST_EVENT</c> (or <c>_SANDBOX</c>) with <c>data</c> <c>{"test":"TEST"}</c>.</summary>
    public static string TestEventPlaintext(bool sandbox = false, long appId = 12345, string? notificationType = null) =>
        Payload(appId, notificationType ?? (sandbox ? TestEventSandboxType : TestEventType), """{"test":"TEST"}""");

    /// <summary>Base64 of IV ‖ AES-256-GCM(plaintext) ‖ tag; a random IV unless one is given (a fixed IV reproduces the vectors).</summary>
    public static string Seal(byte[] key, string plaintext, byte[]? iv = null)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Convert.ToBase64String(SealBytes(key, Encoding.UTF8.GetBytes(plaintext), iv));
    }

    /// <summary>IV ‖ ciphertext ‖ tag of any bytes (also ones that are not a payload at all, for the receiver's tests).</summary>
    public static byte[] SealBytes(byte[] key, byte[] plaintext, byte[]? iv = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(plaintext);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException("A RuStore key is 32 bytes (Base64 of 44 characters, or 64 hex digits).", nameof(key));
        }

        if (iv is not null && iv.Length != IvLength)
        {
            throw new ArgumentException($"The IV is {IvLength} bytes.", nameof(iv));
        }

        var sealedPayload = new byte[IvLength + plaintext.Length + TagLength];
        if (iv is null)
        {
            RandomNumberGenerator.Fill(sealedPayload.AsSpan(0, IvLength));
        }
        else
        {
            iv.CopyTo(sealedPayload, 0);
        }

        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(
            sealedPayload.AsSpan(0, IvLength), plaintext, sealedPayload.AsSpan(IvLength, plaintext.Length), sealedPayload.AsSpan(IvLength + plaintext.Length));
        return sealedPayload;
    }

    /// <summary>The same sealed payload with one bit of its tag flipped: what a forged or corrupted payload looks like.</summary>
    public static string TamperTag(string sealedPayload)
    {
        var bytes = Convert.FromBase64String(sealedPayload);
        bytes[^1] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The request body around a sealed payload; a null <paramref name="timestamp"/> is sent as JSON <c>null</c>.</summary>
    public static string Body(string sealedPayload, string id = "n-1", string? timestamp = "2025-11-18T10:38:58.619Z") =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["id"] = id, ["timestamp"] = timestamp, ["payload"] = sealedPayload }, CompactJson.Options);

    /// <summary>The body's timestamp form for a send time: round-trip ISO 8601 with offset.</summary>
    public static string Timestamp(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A <c>POST</c> of any body (also a deliberately broken one) to the account's notification URL.</summary>
    public static ProviderRequest Request(string account, string body) => ProviderRequest.Json(Path(account), Encoding.UTF8.GetBytes(body), Success);

    /// <summary>
    /// The whole notification: <paramref name="plaintext"/> sealed now with <paramref name="key"/> (a fresh random IV
    /// unless <paramref name="iv"/> is given: RuStore may re-encrypt a resent notification, so every call gives new bytes).
    /// </summary>
    public static ProviderRequest Notification(string account, byte[] key, string plaintext, string notificationId, DateTimeOffset timestamp, byte[]? iv = null) =>
        Request(account, Body(Seal(key, plaintext, iv), notificationId, Time(timestamp)));

    /// <summary>The console shows the key as Base64 of 32 bytes; 64 hex digits are accepted too.</summary>
    public static byte[] ParseKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 2 * KeyLength && trimmed.All(Uri.IsHexDigit))
        {
            return Convert.FromHexString(trimmed);
        }

        try
        {
            var key = Convert.FromBase64String(trimmed);
            if (key.Length == KeyLength)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new FormatException("A RuStore key is Base64 of 32 bytes (44 characters) or 64 hex digits.");
    }

    private static string Payload(long appId, string notificationType, object data) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["app_id"] = appId, ["notification_type"] = notificationType, ["data"] = data }, CompactJson.Options);
}
