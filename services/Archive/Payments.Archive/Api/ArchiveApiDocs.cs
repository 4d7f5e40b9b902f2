using System.Text.Json;
using Payments.Archive.Counts;
using Payments.Contracts;
using Payments.Contracts.Providers.RuStore;

namespace Payments.Archive.Api;

/// <summary>Answer of <c>POST /archive/messages/{messageId}/replay</c>: what was published again, under the same MessageId.</summary>
public sealed record ReplayAccepted(Guid MessageId, string MessageType, string Provider, string? ProviderOrderId);

/// <summary>The examples of the archive API's OpenAPI document (README, HTTP interface).</summary>
internal static class ArchiveApiExamples
{
    private static readonly Guid MessageId = Guid.Parse("3a9e4c17-82b0-5d6f-a1c4-6e0b2f8d7a95");
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 7, 10, 16, 58, TimeSpan.Zero);

    private static readonly RuStoreInvoiceStatusReceived Message = new()
    {
        Account = "demo",
        Environment = PaymentEnvironments.Production,
        NotificationId = "42",
        Timestamp = ReceivedAt,
        AppId = 1,
        InvoiceId = "inv-42",
        OrderId = "order-42",
        PurchaseId = "p-42",
        PurchaseToken = "t",
        ProductCode = "sword",
        StatusNew = "confirmed",
        StatusOld = "executed",
        ChangeStatusTime = ReceivedAt.AddSeconds(-2),
        RawPayload = """{"app_id":1,"notification_type":"INVOICE_STATUS","data":"{\"invoice_id\":\"inv-42\",\"order_id\":\"order-42\",\"product_code\":\"sword\",\"status_new\":\"confirmed\",\"status_old\":\"executed\",\"purchase_id\":\"p-42\",\"purchase_token\":\"t\"}"}""",
    };

    public static ArchivedNotificationSummary Summary { get; } = new()
    {
        MessageId = MessageId,
        Provider = PaymentProviders.RuStore,
        Account = "demo",
        Environment = PaymentEnvironments.Production,
        MessageType = nameof(RuStoreInvoiceStatusReceived),
        ProviderOrderId = "order-42",
        InvoiceId = "inv-42",
        ReceivedAt = ReceivedAt,
        ArchivedAt = ReceivedAt.AddMilliseconds(40),
    };

    public static ArchiveListView List { get; } = new()
    {
        Provider = PaymentProviders.RuStore,
        Account = "demo",
        Order = "order-42",
        Notifications = [Summary],
    };

    public static ArchivedNotificationView View { get; } = new()
    {
        Notification = Summary,
        Message = JsonSerializer.SerializeToElement(Message, JsonSerializerOptions.Web),
    };

    public static ArchiveCountsView Counts { get; } = new()
    {
        From = new DateTime(2026, 12, 6, 11, 0, 0, DateTimeKind.Utc),
        To = new DateTime(2026, 12, 7, 10, 42, 7, DateTimeKind.Utc),
        Hours =
        [
            new HourCount { Hour = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc), Provider = PaymentProviders.RuStore, Accepted = 118, Refused = 0 },
            new HourCount { Hour = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc), Provider = PaymentProviders.Xsolla, Accepted = 64, Refused = 2 },
            new HourCount { Hour = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc), Provider = PaymentProviders.RuStore, Accepted = 57, Refused = 1 },
        ],
    };

    public static ReplayAccepted Replayed { get; } = new(MessageId, nameof(RuStoreInvoiceStatusReceived), PaymentProviders.RuStore, "order-42");
}
