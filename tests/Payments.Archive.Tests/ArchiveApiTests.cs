using Payments.Archive.Tests.Support;

namespace Payments.Archive.Tests;

/// <summary><c>GET /archive/{provider}</c> and <c>GET /archive/messages/{messageId}</c>.</summary>
public sealed class ArchiveApiTests : IAsyncLifetime
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
    public async Task The_list_filters_by_account_order_and_environment_newest_first_up_to_the_limit()
    {
        var executed = await ArchiveAsync(ProviderMessages.RuStore("a-1", "executed"));
        var confirmed = await ArchiveAsync(ProviderMessages.RuStore("a-1", "confirmed"));
        var refunded = await ArchiveAsync(ProviderMessages.RuStore("a-1", "refunded"));
        var otherOrder = await ArchiveAsync(ProviderMessages.RuStore("a-2"));
        var otherAccount = await ArchiveAsync(ProviderMessages.RuStore("a-1", account: "other"));
        var sandbox = await ArchiveAsync(ProviderMessages.RuStore("a-1", "paid", environment: "sandbox"));
        await ArchiveAsync(ProviderMessages.RoboKassa("a-1"));

        Assert.Equal([sandbox, refunded, confirmed, executed], await ListAsync("/archive/rustore?account=game&order=a-1"));
        Assert.Equal([refunded, confirmed, executed], await ListAsync("/archive/rustore?account=game&order=a-1&environment=production"));
        Assert.Equal([sandbox, refunded], await ListAsync("/archive/rustore?account=game&order=a-1&limit=2"));
        Assert.Equal([otherAccount], await ListAsync("/archive/rustore?account=other"));
        Assert.Equal([otherOrder], await ListAsync("/archive/rustore?order=a-2"));
        Assert.Equal(6, (await ListAsync("/archive/rustore")).Count);

        var (_, body) = await _host.GetAsync("/archive/rustore?account=game&order=a-1&limit=1");
        var line = Assert.Single(body.GetProperty("notifications").EnumerateArray());
        Assert.Equal(("rustore", "game", "sandbox", "RuStoreInvoiceStatusReceived", "a-1", "inv-a-1"), (
            line.GetProperty("provider").GetString(), line.GetProperty("account").GetString(), line.GetProperty("environment").GetString(),
            line.GetProperty("messageType").GetString(), line.GetProperty("providerOrderId").GetString(), line.GetProperty("invoiceId").GetString()));
        Assert.False(line.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task One_message_is_answered_with_its_whole_provider_message()
    {
        var message = ProviderMessages.XsollaPayment("4242");
        var messageId = await ArchiveAsync(message);

        var (status, body) = await _host.GetAsync($"/archive/messages/{messageId}");

        Assert.Equal(200, status);
        Assert.Equal(messageId, body.GetProperty("notification").GetProperty("messageId").GetGuid());
        Assert.Equal("4242", body.GetProperty("notification").GetProperty("providerOrderId").GetString());
        Assert.Equal(message.RawBody, body.GetProperty("message").GetProperty("rawBody").GetString());
        Assert.Equal("gem", body.GetProperty("message").GetProperty("transaction").GetProperty("items")[0].GetProperty("sku").GetString());
    }

    [Theory]
    [InlineData("/archive/paypal", 404)]
    [InlineData("/archive/rustore?limit=0", 400)]
    [InlineData("/archive/rustore?limit=501", 400)]
    [InlineData("/archive/rustore?environment=staging", 400)]
    [InlineData("/archive/messages/5b8d7a4e-3c1f-4a57-9a3e-2f0d6c1b8e90", 404)]
    [InlineData("/archive/messages/not-a-guid", 404)]
    public async Task Bad_or_unknown_queries_are_refused(string path, int expected)
    {
        var (status, _) = await _host.GetAsync(path);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task An_empty_archive_answers_an_empty_list()
    {
        Assert.Empty(await ListAsync("/archive/xsolla?account=game"));
    }

    private async Task<Guid> ArchiveAsync<T>(T message)
        where T : class
    {
        var messageId = Guid.NewGuid();
        await _host.PublishAsync(message, messageId);
        await _host.WaitArchivedAsync(messageId);
        return messageId;
    }

    private async Task<List<Guid>> ListAsync(string path)
    {
        var (status, body) = await _host.GetAsync(path);
        Assert.Equal(200, status);
        return body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("messageId").GetGuid()).ToList();
    }
}
