namespace Payments.Archive.DeadLetters;

/// <summary>The examples of the dead-letter API's OpenAPI document (README, HTTP interface): an <c>OrderPaid</c> the grant consumer faulted on.</summary>
internal static class DeadLetterApiExamples
{
    private const string MessageId = "0e7b3c52-9d14-4a6f-b8e1-5c2a7f90d3e4";
    private const string OrderId = "6f1c2a8e-5b1d-5c3e-9a47-2d0e8b7f4c11";
    private const string Fault = "The ledger did not answer in time.";
    private const string ExceptionType = "System.TimeoutException";
    private const string Consumer = "Payments.Entitlements.Ledger.OrderPaidConsumer";
    private static readonly DateTimeOffset FaultedAt = new(2026, 12, 7, 10, 17, 3, TimeSpan.Zero);

    public static DeadLetterQueueListView Queues { get; } = new(
    [
        new DeadLetterQueueView("order-paid_error", "order-paid", 1),
        new DeadLetterQueueView("order-revoked_error", "order-revoked", 0),
    ]);

    public static DeadLetterPageView Page { get; } = new(
        "order-paid_error",
        1,
        [new DeadLetterSummaryView(MessageId, "OrderPaid", Fault, ExceptionType, FaultedAt, Consumer, OrderId, false)]);

    /// <summary>
    /// The headers are left empty here: real ones are the transport's header names (<c>MT-Fault-Message</c>, …),
    /// which are data, not camelCase properties, and the document's examples are checked for camelCase keys.
    /// </summary>
    public static DeadLetterDetailView Detail { get; } = new(
        MessageId,
        "OrderPaid",
        Fault,
        ExceptionType,
        "   at Payments.Entitlements.Ledger.OrderPaidConsumer.Consume(ConsumeContext`1 context)",
        FaultedAt,
        Consumer,
        OrderId,
        new Dictionary<string, string?>(StringComparer.Ordinal),
        $$$"""{"messageId":"{{{MessageId}}}","messageType":["urn:message:Payments.Contracts.Orders:OrderPaid"],"message":{"orderId":"{{{OrderId}}}","order":{"provider":"rustore","account":"demo","environment":"production","providerOrderId":"order-42"},"userId":"player-1","items":[{"sku":"sword","quantity":1}],"paidAt":"2026-12-07T10:17:00+00:00"}}""");

    public static RequeueRequest Requeue { get; } = new([MessageId]);

    public static RequeueResultView Requeued { get; } = new([MessageId], []);
}
