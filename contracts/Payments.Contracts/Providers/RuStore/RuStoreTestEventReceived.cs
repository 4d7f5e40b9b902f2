namespace Payments.Contracts.Providers.RuStore;

/// <summary>A verified RuStore console connection check (<c>TEST_EVENT</c> / <c>TEST_EVENT_SANDBOX</c>).</summary>
public sealed record RuStoreTestEventReceived
{
    public string Provider { get; init; } = PaymentProviders.RuStore;
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string NotificationId { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public long? AppId { get; init; }
    public required string RawPayload { get; init; }
}
