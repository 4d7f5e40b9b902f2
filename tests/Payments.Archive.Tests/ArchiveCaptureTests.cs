using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Archive.Capture;
using Payments.Archive.Tests.Support;
using Payments.Contracts;
using Payments.Contracts.Payments;
using Payments.Normalizer.RoboKassa;
using Payments.Normalizer.RuStore;
using Payments.Normalizer.Xsolla;

namespace Payments.Archive.Tests;

/// <summary>The archive's consumer on SQLite (the standalone host's database): one row per MessageId, the whole message, the right keys.</summary>
public sealed class ArchiveCaptureTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payments-archive-").FullName;
    private ArchiveTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveTestHost.StartOnSqliteAsync(_folder);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task When_one_notification_is_delivered_20_times_at_once_Should_archive_it_once()
    {
        var messageId = Guid.NewGuid();
        var message = ProviderMessages.RuStore("order-20");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.PublishAsync(message, messageId)));
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 20, "20 downstream deliveries");
        await _host.WaitArchivedAsync(messageId);
        await Task.Delay(300);

        Assert.Single(await _host.RowsAsync(messageId));
        Assert.Equal(1, await _host.QueryAsync(db => db.Notifications.CountAsync()));
    }

    [Fact]
    public async Task When_a_provider_retries_later_Should_add_no_second_row()
    {
        var messageId = Guid.NewGuid();
        await _host.PublishAsync(ProviderMessages.RoboKassa("5001"), messageId);
        var first = await _host.WaitArchivedAsync(messageId);

        await _host.PublishAsync(ProviderMessages.RoboKassa("5001"), messageId);
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 2, "the retry downstream");
        await Task.Delay(300);

        var row = Assert.Single(await _host.RowsAsync(messageId));
        Assert.Equal(first.Id, row.Id);
        Assert.Equal(first.ArchivedAt, row.ArchivedAt);
    }

    [Fact]
    public async Task The_archived_row_holds_the_whole_message_and_its_keys()
    {
        var messageId = Guid.NewGuid();
        var message = ProviderMessages.RuStore("order-keys", account: "shop", environment: "sandbox");

        await _host.PublishAsync(message, messageId);
        var row = await _host.WaitArchivedAsync(messageId);

        Assert.Equal(("rustore", "shop", "sandbox", "RuStoreInvoiceStatusReceived"), (row.Provider, row.Account, row.Environment, row.MessageType));
        Assert.Equal(("order-keys", "inv-order-keys"), (row.ProviderOrderId, row.InvoiceId));
        Assert.True(row.ArchivedAt >= row.ReceivedAt.AddSeconds(-5));
        using var stored = JsonDocument.Parse(row.Message);
        Assert.Equal(message.RawPayload, stored.RootElement.GetProperty("rawPayload").GetString());
        Assert.Equal(
            JsonSerializer.Serialize(message, ArchivedMessageType.Json),
            JsonSerializer.Serialize(JsonSerializer.Deserialize<Contracts.Providers.RuStore.RuStoreInvoiceStatusReceived>(row.Message, ArchivedMessageType.Json), ArchivedMessageType.Json));
    }

    [Fact]
    public async Task An_order_webhook_that_names_no_order_at_all_is_still_archived_without_a_key()
    {
        var messageId = Guid.NewGuid();
        var message = ProviderMessages.XsollaOrderPaid(null) with { Order = ProviderMessages.XsollaOrderPaid(null).Order with { Id = null } };

        await _host.PublishAsync(message, messageId);
        var row = await _host.WaitArchivedAsync(messageId);

        Assert.Equal(("XsollaOrderPaidReceived", null, null), (row.MessageType, row.ProviderOrderId, row.InvoiceId));
    }

    /// <summary>The longest order id Ingress accepts: <c>order-{id}</c> would not fit the column, so its key is hashed.</summary>
    private static readonly string LongOrderId = new('7', Contracts.FieldLimits.ProviderId);

    [Fact]
    public async Task Every_provider_message_is_archived_under_the_order_the_Normalizer_routes_it_to()
    {
        var now = DateTimeOffset.UtcNow;
        (object Message, string? ExpectedOrder)[] cases =
        [
            (ProviderMessages.RuStore("rs-order"), ((PaymentSucceeded)RuStoreInvoiceStatusMapper.Map(ProviderMessages.RuStore("rs-order"), now)!).Order.ProviderOrderId),
            (ProviderMessages.RuStore("rs-no-order") with { OrderId = null },
                ((PaymentSucceeded)RuStoreInvoiceStatusMapper.Map(ProviderMessages.RuStore("rs-no-order") with { OrderId = null }, now)!).Order.ProviderOrderId),
            (ProviderMessages.RuStoreTest(), null),
            (ProviderMessages.XsollaPayment("1001"), XsollaNotificationMapper.Map(ProviderMessages.XsollaPayment("1001"), now).Order.ProviderOrderId),
            (ProviderMessages.XsollaRefund("1002"), XsollaNotificationMapper.Map(ProviderMessages.XsollaRefund("1002"), now).Order.ProviderOrderId),
            (ProviderMessages.XsollaPartialRefund("1003"), XsollaNotificationMapper.Map(ProviderMessages.XsollaPartialRefund("1003"), now).Order.ProviderOrderId),
            (ProviderMessages.XsollaOrderPaid("1004"), XsollaNotificationMapper.Map(ProviderMessages.XsollaOrderPaid("1004"), now).Order.ProviderOrderId),
            (ProviderMessages.XsollaOrderPaid("1005", billingTransaction: "2005"), XsollaNotificationMapper.Map(ProviderMessages.XsollaOrderPaid("1005", "2005"), now).Order.ProviderOrderId),
            (ProviderMessages.XsollaOrderCanceled(null), XsollaNotificationMapper.Map(ProviderMessages.XsollaOrderCanceled(null), now).Order.ProviderOrderId),
            (ProviderMessages.XsollaOrderPaid(null, orderId: LongOrderId), XsollaNotificationMapper.Map(ProviderMessages.XsollaOrderPaid(null, orderId: LongOrderId), now).Order.ProviderOrderId),
            (ProviderMessages.RoboKassa("7001"), RoboKassaResultMapper.Map(ProviderMessages.RoboKassa("7001"), now).Order.ProviderOrderId),
        ];
        Assert.Equal("inv-rs-no-order", cases[1].ExpectedOrder);
        Assert.Equal("2005", cases[7].ExpectedOrder);
        Assert.Equal("order-78", cases[8].ExpectedOrder);
        Assert.StartsWith("order-sha256-", cases[9].ExpectedOrder, StringComparison.Ordinal);

        var ids = new List<(Guid Id, object Message, string? Order)>();
        foreach (var (message, order) in cases)
        {
            var id = Guid.NewGuid();
            ids.Add((id, message, order));
            await _host.Bus.Publish(message, message.GetType(), MassTransit.Pipe.Execute<MassTransit.PublishContext>(context => context.MessageId = id));
        }

        foreach (var (id, message, order) in ids)
        {
            var row = await _host.WaitArchivedAsync(id);
            Assert.Equal(message.GetType().Name, row.MessageType);
            Assert.Equal(order, row.ProviderOrderId);
            Assert.Equal(((dynamic)message).Provider, row.Provider);
        }

        Assert.Equal(ArchivedMessageTypes.All.Select(t => t.Name).Order(), ids.Select(i => i.Message.GetType().Name).Distinct().Order());
    }
}
