using System.Text.Json;
using MassTransit;
using Payments.Archive.Capture;
using Payments.Archive.Persistence;
using Payments.Archive.Tests.Support;
using Payments.Contracts;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Archive.Tests;

/// <summary>
/// Xsolla messages of the flat shape (every field on the message, before the transaction and order records): rows
/// archived by that version are viewed and replayed as the current shape, and such messages still in a queue are
/// read as the current shape by the bus.
/// </summary>
public sealed class ArchiveFlatShapeTests : IAsyncLifetime
{
    // Rows as the flat-shape version stored them: Ingress read these webhooks and the archive serialized its
    // message (generated with that version's code, not written by hand).
    private const string FlatPayment =
        """
        {"provider":"xsolla","account":"game","environment":"sandbox","transactionId":"870001","externalId":"game-ord-7","orderId":null,"paymentDate":"2026-03-02T11:00:00+03:00","userId":"player-7","items":[{"sku":"gem_pack","quantity":2}],"amount":"9.99","currency":"USD","rawBody":"{\u0022notification_type\u0022:\u0022payment\u0022,\u0022purchase\u0022:{\u0022virtual_items\u0022:{\u0022items\u0022:[{\u0022sku\u0022:\u0022gem_pack\u0022,\u0022amount\u0022:2}]},\u0022total\u0022:{\u0022currency\u0022:\u0022USD\u0022,\u0022amount\u0022:9.99}},\u0022user\u0022:{\u0022id\u0022:\u0022player-7\u0022},\u0022transaction\u0022:{\u0022id\u0022:870001,\u0022external_id\u0022:\u0022game-ord-7\u0022,\u0022dry_run\u0022:1,\u0022payment_date\u0022:\u00222026-03-02T11:00:00\u002B03:00\u0022}}"}
        """;

    private const string FlatRefund =
        """
        {"provider":"xsolla","account":"game","environment":"sandbox","transactionId":"870001","externalId":"game-ord-7","orderId":null,"paymentDate":"2026-03-02T11:00:00+03:00","userId":"player-7","items":[{"sku":"gem_pack","quantity":2}],"amount":"9.99","currency":"USD","refundCode":4,"refundReason":"Potential fraud","rawBody":"{\u0022notification_type\u0022:\u0022refund\u0022,\u0022purchase\u0022:{\u0022virtual_items\u0022:{\u0022items\u0022:[{\u0022sku\u0022:\u0022gem_pack\u0022,\u0022amount\u0022:2}]},\u0022total\u0022:{\u0022currency\u0022:\u0022USD\u0022,\u0022amount\u0022:9.99}},\u0022user\u0022:{\u0022id\u0022:\u0022player-7\u0022},\u0022transaction\u0022:{\u0022id\u0022:870001,\u0022external_id\u0022:\u0022game-ord-7\u0022,\u0022dry_run\u0022:1,\u0022payment_date\u0022:\u00222026-03-02T11:00:00\u002B03:00\u0022},\u0022refund_details\u0022:{\u0022code\u0022:4,\u0022reason\u0022:\u0022Potential fraud\u0022}}"}
        """;

    private const string FlatCombinedOrderPaid =
        """
        {"provider":"xsolla","account":"game","environment":"production","webhookMode":"combined","orderId":"55501","invoiceId":"870002","orderMode":"default","orderStatus":"paid","userId":"player-8","items":[{"sku":"gem_pack","quantity":2}],"amount":"9.99","currency":"USD","currencyType":"real","transactionId":"870002","externalId":"game-ord-8","paymentDate":"2026-03-02T12:00:00+03:00","rawBody":"{\u0022notification_type\u0022:\u0022order_paid\u0022,\u0022items\u0022:[{\u0022sku\u0022:\u0022gem_pack\u0022,\u0022quantity\u0022:2,\u0022amount\u0022:\u00229.99\u0022}],\u0022order\u0022:{\u0022id\u0022:55501,\u0022mode\u0022:\u0022default\u0022,\u0022currency_type\u0022:\u0022real\u0022,\u0022currency\u0022:\u0022USD\u0022,\u0022amount\u0022:\u00229.99\u0022,\u0022status\u0022:\u0022paid\u0022,\u0022invoice_id\u0022:\u0022870002\u0022},\u0022user\u0022:{\u0022external_id\u0022:\u0022player-8\u0022},\u0022billing\u0022:{\u0022notification_type\u0022:\u0022payment\u0022,\u0022transaction\u0022:{\u0022id\u0022:870002,\u0022external_id\u0022:\u0022game-ord-8\u0022,\u0022dry_run\u0022:0,\u0022payment_date\u0022:\u00222026-03-02T12:00:00\u002B03:00\u0022}}}"}
        """;

    private const string FlatOrderCanceled =
        """
        {"provider":"xsolla","account":"game","environment":"sandbox","webhookMode":"separate","orderId":"55502","invoiceId":"870003","orderMode":"sandbox","orderStatus":"paid","userId":"player-9","items":[{"sku":"gem_pack","quantity":2}],"amount":"9.99","currency":"USD","currencyType":"real","transactionId":null,"externalId":null,"paymentDate":null,"rawBody":"{\u0022notification_type\u0022:\u0022order_canceled\u0022,\u0022items\u0022:[{\u0022sku\u0022:\u0022gem_pack\u0022,\u0022quantity\u0022:2,\u0022amount\u0022:\u00229.99\u0022}],\u0022order\u0022:{\u0022id\u0022:55502,\u0022mode\u0022:\u0022sandbox\u0022,\u0022currency_type\u0022:\u0022real\u0022,\u0022currency\u0022:\u0022USD\u0022,\u0022amount\u0022:\u00229.99\u0022,\u0022status\u0022:\u0022paid\u0022,\u0022invoice_id\u0022:\u0022870003\u0022},\u0022user\u0022:{\u0022external_id\u0022:\u0022player-9\u0022}}"}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("payments-archive-").FullName;
    private ArchiveTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveTestHost.StartOnSqliteAsync(_folder);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string, string, string, string> FlatRows() => new()
    {
        { nameof(XsollaPaymentReceived), "a1e109c9-72bf-5ad5-ad0b-bcbe81ab516d", "870001", FlatPayment },
        { nameof(XsollaRefundReceived), "dec4aba3-0c5a-5852-b69e-24d60779b0ee", "870001", FlatRefund },
        { nameof(XsollaOrderPaidReceived), "d82fb3f8-dd4e-57cf-bdf0-ce6a0cdfa6ec", "870002", FlatCombinedOrderPaid },
        { nameof(XsollaOrderCanceledReceived), "2f83ef51-d0a7-5515-9482-570f5540b36a", "870003", FlatOrderCanceled },
    };

    [Theory]
    [MemberData(nameof(FlatRows))]
    public async Task A_flat_row_is_viewed_and_replayed_as_the_current_shape_and_stays_as_stored(string type, string id, string order, string stored)
    {
        var messageId = Guid.Parse(id);
        await StoreAsync(type, messageId, order, stored);
        var expected = Json(Current(type));

        var (status, body) = await _host.GetAsync($"/archive/messages/{messageId}");

        Assert.Equal(200, status);
        var viewed = body.GetProperty("message");
        Assert.True(viewed.TryGetProperty(type.Contains("Order", StringComparison.Ordinal) ? "order" : "transaction", out _), viewed.ToString());
        Assert.False(viewed.TryGetProperty("items", out _), viewed.ToString());
        Assert.Equal(expected, Json(viewed.Deserialize(ArchivedMessageTypes.Find(type)!.Type, ArchivedMessageType.Json)!));

        Assert.Equal(202, (await _host.PostAsync($"/archive/messages/{messageId}/replay")).Status);
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 1, "the replayed delivery");
        var replayed = _host.Downstream.Of(messageId)[0].Message;
        Assert.Equal(type, replayed.GetType().Name);
        Assert.Equal(expected, Json(replayed));

        // The replay carries the original MessageId, so the archive adds nothing, and the old row is not rewritten.
        await Task.Delay(300);
        Assert.Equal(stored, Assert.Single(await _host.RowsAsync(messageId)).Message);
    }

    [Fact]
    public async Task A_flat_message_still_in_a_queue_is_consumed_and_archived_as_the_current_shape()
    {
        var messageId = Guid.NewGuid();
        var flat = new FlatXsollaOrderPaidReceived
        {
            Account = "game", Environment = "production", WebhookMode = "separate", OrderId = "55509", InvoiceId = null, OrderMode = "default",
            OrderStatus = "paid", UserId = "player-8", Items = [new OrderItem { Sku = "gem_pack", Quantity = 2 }], Amount = "9.99", Currency = "USD",
            CurrencyType = "real", RawBody = """{"notification_type":"order_paid"}""",
        };

        await _host.PublishAsync(flat, messageId);

        var row = await _host.WaitArchivedAsync(messageId);
        Assert.Equal((nameof(XsollaOrderPaidReceived), "order-55509"), (row.MessageType, row.ProviderOrderId));
        var archived = JsonSerializer.Deserialize<XsollaOrderPaidReceived>(row.Message, ArchivedMessageType.Json)!;
        Assert.Equal(("55509", "player-8", "gem_pack"), (archived.Order.Id, archived.Order.UserId, Assert.Single(archived.Order.Items).Sku));
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 1, "the downstream delivery");
        var consumed = Assert.IsType<XsollaOrderPaidReceived>(_host.Downstream.Of(messageId)[0].Message);
        Assert.Equal(Json(archived), Json(consumed));
        Assert.Equal(("order-55509", "9.99", "real"), (consumed.Order.OrderKey(), consumed.Order.Amount, consumed.Order.CurrencyType));
    }

    /// <summary>What the flat rows say, in the current shape.</summary>
    private static object Current(string type)
    {
        var paidAt = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(3));
        var transaction = new XsollaTransaction
        {
            Id = "870001", ExternalId = "game-ord-7", PaymentDate = paidAt, UserId = "player-7", Items = [new OrderItem { Sku = "gem_pack", Quantity = 2 }],
            Amount = "9.99", Currency = "USD",
        };
        var order = new XsollaOrder
        {
            WebhookMode = "separate", Id = "55502", InvoiceId = "870003", Mode = "sandbox", Status = "paid", UserId = "player-9",
            Items = [new OrderItem { Sku = "gem_pack", Quantity = 2 }], Amount = "9.99", Currency = "USD", CurrencyType = "real",
        };
        return type switch
        {
            nameof(XsollaPaymentReceived) => new XsollaPaymentReceived
            {
                Account = "game", Environment = "sandbox", Transaction = transaction, RawBody = RawBody(FlatPayment),
            },
            nameof(XsollaRefundReceived) => new XsollaRefundReceived
            {
                Account = "game", Environment = "sandbox", Transaction = transaction with { RefundCode = 4, RefundReason = "Potential fraud" }, RawBody = RawBody(FlatRefund),
            },
            nameof(XsollaOrderPaidReceived) => new XsollaOrderPaidReceived
            {
                Account = "game",
                Environment = "production",
                Order = order with
                {
                    WebhookMode = "combined", Id = "55501", InvoiceId = "870002", Mode = "default", UserId = "player-8", BillingTransactionId = "870002",
                    BillingExternalId = "game-ord-8", BillingPaymentDate = paidAt.AddHours(1),
                },
                RawBody = RawBody(FlatCombinedOrderPaid),
            },
            _ => new XsollaOrderCanceledReceived { Account = "game", Environment = "sandbox", Order = order, RawBody = RawBody(FlatOrderCanceled) },
        };
    }

    private async Task StoreAsync(string type, Guid messageId, string order, string message)
    {
        await _host.QueryAsync(async db =>
        {
            db.Notifications.Add(new ArchivedNotification
            {
                MessageId = messageId, Provider = "xsolla", Account = "game", Environment = JsonDocument.Parse(message).RootElement.GetProperty("environment").GetString()!,
                MessageType = type, ProviderOrderId = order, InvoiceId = order, ReceivedAt = DateTimeOffset.UtcNow, ArchivedAt = DateTimeOffset.UtcNow, Message = message,
            });
            return await db.SaveChangesAsync();
        });
    }

    private static string RawBody(string row) => JsonDocument.Parse(row).RootElement.GetProperty("rawBody").GetString()!;

    private static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), ArchivedMessageType.Json);
}

/// <summary>
/// <see cref="XsollaOrderPaidReceived"/> as the flat-shape version declared it, under the same message type, so
/// publishing it puts on the bus what a not yet upgraded Ingress publishes.
/// </summary>
[MessageUrn("Payments.Contracts.Providers.Xsolla:XsollaOrderPaidReceived")]
public sealed record FlatXsollaOrderPaidReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }
    public required string Environment { get; init; }
    public required string WebhookMode { get; init; }
    public string? OrderId { get; init; }
    public string? InvoiceId { get; init; }
    public string? OrderMode { get; init; }
    public string? OrderStatus { get; init; }
    public string? UserId { get; init; }
    public required IReadOnlyList<OrderItem> Items { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public string? CurrencyType { get; init; }
    public string? TransactionId { get; init; }
    public string? ExternalId { get; init; }
    public DateTimeOffset? PaymentDate { get; init; }
    public required string RawBody { get; init; }
}
