using System.Text.Json;
using Payments.Archive.Capture;
using Payments.Archive.Tests.Support;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts.Providers.Xsolla;

namespace Payments.Archive.Tests;

/// <summary><c>POST /archive/messages/{id}/replay</c>: the stored message goes out again, same type, same content, same MessageId.</summary>
public sealed class ArchiveReplayTests : IAsyncLifetime
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
    public async Task Replay_publishes_the_stored_RuStore_notification_under_its_original_MessageId_and_archives_nothing_new()
    {
        var messageId = Guid.NewGuid();
        var original = ProviderMessages.RuStore("order-replay");
        await _host.PublishAsync(original, messageId);
        await _host.WaitArchivedAsync(messageId);
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 1, "the first delivery");

        var (status, body) = await _host.PostAsync($"/archive/messages/{messageId}/replay");

        Assert.Equal(202, status);
        Assert.Equal(messageId, body.GetProperty("messageId").GetGuid());
        Assert.Equal("RuStoreInvoiceStatusReceived", body.GetProperty("messageType").GetString());
        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 2, "the replayed delivery");
        var replayed = Assert.IsType<RuStoreInvoiceStatusReceived>(_host.Downstream.Of(messageId)[1].Message);
        Assert.Equal(Json(original), Json(replayed));
        Assert.Equal(messageId, _host.Downstream.Of(messageId)[1].MessageId);

        await Task.Delay(300);
        Assert.Single(await _host.RowsAsync(messageId));
    }

    [Fact]
    public async Task Replay_keeps_RoboKassa_parameter_names_and_values_verbatim()
    {
        var messageId = Guid.NewGuid();
        var original = ProviderMessages.RoboKassa("9001");
        await _host.PublishAsync(original, messageId);
        await _host.WaitArchivedAsync(messageId);

        Assert.Equal(202, (await _host.PostAsync($"/archive/messages/{messageId}/replay")).Status);

        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 2, "the replayed delivery");
        var replayed = Assert.IsType<RoboKassaResultReceived>(_host.Downstream.Of(messageId)[1].Message);
        Assert.Equal("Иван", replayed.ShpParameters["Shp_user"]);
        Assert.Equal(original.RawParameters.OrderBy(p => p.Key, StringComparer.Ordinal), replayed.RawParameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(Json(original), Json(replayed));
    }

    [Fact]
    public async Task Replay_of_an_Xsolla_payment_publishes_the_payment_type_not_an_object()
    {
        var messageId = Guid.NewGuid();
        var original = ProviderMessages.XsollaPayment("3001");
        await _host.PublishAsync(original, messageId);
        await _host.WaitArchivedAsync(messageId);

        Assert.Equal(202, (await _host.PostAsync($"/archive/messages/{messageId}/replay")).Status);

        await _host.Downstream.WaitForAsync(log => log.Of(messageId).Count == 2, "the replayed delivery");
        Assert.Equal(Json(original), Json(Assert.IsType<XsollaPaymentReceived>(_host.Downstream.Of(messageId)[1].Message)));
    }

    [Fact]
    public async Task Replay_of_an_unknown_message_is_404_and_publishes_nothing()
    {
        var (status, body) = await _host.PostAsync($"/archive/messages/{Guid.NewGuid()}/replay");

        Assert.Equal(404, status);
        Assert.Equal("Unknown message", body.GetProperty("title").GetString());
        await Task.Delay(200);
        Assert.Empty(_host.Downstream.Deliveries);
    }

    private static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), ArchivedMessageType.Json);
}
