using System.Text.Json;

namespace Payments.OperatorConsole.Services;

// The JSON the services answer, as the console reads it (README "HTTP interface"). The console references no
// service's code: these mirror the documented shapes, and unknown fields are ignored.

public sealed record OrderItemView(string Sku, int Quantity);

public sealed record OrderSummary
{
    public Guid OrderId { get; init; }
    public string Provider { get; init; } = "";
    public string Account { get; init; } = "";
    public string Environment { get; init; } = "";
    public string ProviderOrderId { get; init; } = "";
    public string? UserId { get; init; }
    public string Status { get; init; } = "";
    public string? Amount { get; init; }
    public string? PaidAmount { get; init; }
    public string? Currency { get; init; }
    public bool Granted { get; init; }
    public bool Revoked { get; init; }
    public bool Blocked { get; init; }
    public bool AwaitingDetails { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record OrderPage(IReadOnlyList<OrderSummary> Orders, string? Next);

public sealed record TimelineEntryView
{
    public DateTimeOffset At { get; init; }
    public string Event { get; init; } = "";
    public string? Source { get; init; }
    public bool Applied { get; init; }
    public string? Reason { get; init; }
    public StatusChangeView? StatusChange { get; init; }
    public int Duplicates { get; init; }
    public DateTimeOffset? LastDuplicateAt { get; init; }
}

public sealed record StatusChangeView(string? From, string To, DateTimeOffset At)
{
    public override string ToString() => $"{From ?? "(new)"} → {To}";
}

public sealed record OrderDetails
{
    public Guid OrderId { get; init; }
    public string Provider { get; init; } = "";
    public string Account { get; init; } = "";
    public string Environment { get; init; } = "";
    public string ProviderOrderId { get; init; } = "";
    public string Status { get; init; } = "";
    public string? UserId { get; init; }
    public IReadOnlyList<OrderItemView> Items { get; init; } = [];
    public string? Amount { get; init; }
    public string? PaidAmount { get; init; }
    public string? Currency { get; init; }
    public bool Granted { get; init; }
    public bool Revoked { get; init; }
    public bool AwaitingDetails { get; init; }
    public bool AmountMismatch { get; init; }
    public bool ItemMismatch { get; init; }
    public bool Blocked { get; init; }
    public string? Resolution { get; init; }
    public IReadOnlyList<TimelineEntryView> Timeline { get; init; } = [];
    public int TimelineFolded { get; init; }
}

public sealed record ArchivedSummary
{
    public Guid MessageId { get; init; }
    public string Provider { get; init; } = "";
    public string Account { get; init; } = "";
    public string Environment { get; init; } = "";
    public string MessageType { get; init; } = "";
    public string? ProviderOrderId { get; init; }
    public string? InvoiceId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset ArchivedAt { get; init; }
}

public sealed record ArchiveList(IReadOnlyList<ArchivedSummary> Notifications);

public sealed record ArchivedMessage(ArchivedSummary Notification, JsonElement Message);

public sealed record EntitlementItemView(string Sku, int Quantity, Guid OrderId, DateTimeOffset GrantedAt);

public sealed record SkuTotalView(string Sku, int Quantity);

public sealed record UserEntitlements(string UserId, string Environment, IReadOnlyList<EntitlementItemView> Items, IReadOnlyList<SkuTotalView> Totals);

public sealed record GrantHistoryView
{
    public Guid OrderId { get; init; }
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
    public string Provider { get; init; } = "";
    public string Account { get; init; } = "";
    public DateTimeOffset GrantedAt { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokeReason { get; init; }
}

public sealed record UserHistory(string UserId, string Environment, IReadOnlyList<GrantHistoryView> Grants);

public sealed record DeadLetterQueue(string Queue, string? SourceQueue, long Depth);

public sealed record DeadLetterQueues(IReadOnlyList<DeadLetterQueue> Queues);

public sealed record DeadLetterSummary
{
    public string MessageId { get; init; } = "";
    public string? MessageType { get; init; }
    public string? FaultMessage { get; init; }
    public string? FaultExceptionType { get; init; }
    public DateTimeOffset? FaultedAt { get; init; }
    public string? Consumer { get; init; }
    public string? OrderId { get; init; }
}

public sealed record DeadLetterList(string Queue, long Depth, IReadOnlyList<DeadLetterSummary> Messages);

public sealed record DeadLetterMessage
{
    public string MessageId { get; init; } = "";
    public string? MessageType { get; init; }
    public string? FaultMessage { get; init; }
    public string? FaultExceptionType { get; init; }
    public string? FaultStackTrace { get; init; }
    public DateTimeOffset? FaultedAt { get; init; }
    public string? Consumer { get; init; }
    public string? OrderId { get; init; }
    public Dictionary<string, JsonElement> Headers { get; init; } = [];
    public string? Body { get; init; }
}

public sealed record RequeueResult(IReadOnlyList<string> Requeued, IReadOnlyList<string> NotFound);

public sealed record HourCount(DateTimeOffset Hour, string Provider, int Accepted, int Refused);

public sealed record NotificationCounts(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HourCount> Hours);

public sealed record DeliveryView
{
    public string WebhookId { get; init; } = "";
    public string Endpoint { get; init; } = "";
    public string EventType { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<JsonElement> Attempts { get; init; } = [];
}

public sealed record DeliveryList(IReadOnlyList<DeliveryView> Deliveries);
