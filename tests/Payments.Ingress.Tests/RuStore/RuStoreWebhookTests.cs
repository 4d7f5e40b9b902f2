using System.Net;
using MassTransit.Testing;
using Payments.Contracts.Providers.RuStore;
using Payments.Contracts;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RuStore;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RuStore;

public sealed class RuStoreWebhookTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RS_1_is_answered_200_after_its_exact_message_was_published()
    {
        using var response = await _host.PostAsync(RuStoreVectors.Rs1Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var published = Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>());
        Assert.Equal(
            new RuStoreInvoiceStatusReceived
            {
                Account = "game1",
                Environment = "production",
                NotificationId = "12345",
                Timestamp = new DateTimeOffset(2022, 7, 8, 13, 24, 41, TimeSpan.FromHours(3)).AddTicks(8_328_711),
                AppId = 12345,
                InvoiceId = "123",
                OrderId = "123e4567e89b-12d3-a456-4266-55440000",
                PurchaseId = "123e4567e89b-12d3-a456-4266-55440000",
                PurchaseToken = "111.123",
                ProductCode = "test_test",
                StatusNew = "paid",
                StatusOld = "executed",
                ChangeStatusTime = DateTimeOffset.UnixEpoch,
                DeveloperPayload = null,
                RawPayload = RuStoreVectors.Rs1Plaintext,
            },
            published.Context.Message);
        Assert.Equal("rustore", published.Context.Message.Provider);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "rustore/game1/production/123/paid"), published.Context.MessageId);
        Assert.False(await _host.PublishedNothingAsync(), "the check used by the refusal tests must see a publish");
    }

    [Fact]
    public async Task RS_2_publishes_a_test_event()
    {
        var body = RuStoreNotifications.Body(RuStoreVectors.Rs2Payload, id: "test-42", timestamp: "2025-11-18T10:38:58.619Z");

        using var response = await _host.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<RuStoreTestEventReceived>());
        Assert.Equal(
            new RuStoreTestEventReceived
            {
                Account = "game1",
                Environment = "production",
                NotificationId = "test-42",
                Timestamp = new DateTimeOffset(2025, 11, 18, 10, 38, 58, 619, TimeSpan.Zero),
                AppId = 12345,
                RawPayload = RuStoreVectors.Rs2Plaintext,
            },
            published.Context.Message);
        var payloadHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RuStoreVectors.Rs2Plaintext)));
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, $"rustore/game1/production/test_event/{payloadHash}"), published.Context.MessageId);
        Assert.False(await _host.Harness.Published.Any<RuStoreInvoiceStatusReceived>());
    }

    [Fact]
    public async Task A_captured_test_event_resent_under_new_ids_is_one_event()
    {
        var recorder = new PublishRecorder();
        using var observer = _host.Harness.Bus.ConnectPublishObserver(recorder);

        // The envelope id is not authenticated: a replay of the same sealed payload under new ids is the same event.
        for (var i = 0; i < 3; i++)
        {
            using var response = await _host.PostAsync(RuStoreNotifications.Body(RuStoreVectors.Rs2Payload, id: $"replayed-{i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Another test event (another payload) is another event.
        using (var other = await _host.PostAsync(RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, RuStoreVectors.Rs2Plaintext.Replace("12345", "12346", StringComparison.Ordinal)), id: "other")))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        var ids = recorder.MessageIds.ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_retry_with_a_new_notification_id_is_published_under_the_same_message_id()
    {
        var recorder = new PublishRecorder();
        using var observer = _host.Harness.Bus.ConnectPublishObserver(recorder);

        using var first = await _host.PostAsync(RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext()), id: "n-1"));
        using var retry = await _host.PostAsync(RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext()), id: "n-2"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var expected = NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "rustore/game1/production/inv-1/confirmed");
        Assert.Equal([expected, expected], recorder.MessageIds);
    }

    [Fact]
    public async Task A_sandbox_key_with_INVOICE_STATUS_SANDBOX_publishes_a_sandbox_message()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS_SANDBOX"));

        using var response = await _host.PostAsync(RuStoreNotifications.Body(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>());
        Assert.Equal("sandbox", published.Context.Message.Environment);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "rustore/game1/sandbox/inv-1/confirmed"), published.Context.MessageId);
    }

    [Fact]
    public async Task A_production_key_with_INVOICE_STATUS_SANDBOX_publishes_a_sandbox_message()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS_SANDBOX"));

        using var response = await _host.PostAsync(RuStoreNotifications.Body(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sandbox", Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>()).Context.Message.Environment);
    }

    [Fact]
    public async Task An_unknown_status_is_still_published_lowercase_and_answered_200()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext(status: "PARTIALLY_REFUNDED"));

        using var response = await _host.PostAsync(RuStoreNotifications.Body(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>());
        Assert.Equal("partially_refunded", published.Context.Message.StatusNew);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "rustore/game1/production/inv-1/partially_refunded"), published.Context.MessageId);
    }

    [Fact]
    public async Task Data_given_as_an_object_and_an_uppercase_status_are_accepted()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext(status: "CONFIRMED", dataAsObject: true));

        using var response = await _host.PostAsync(RuStoreNotifications.Body(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("confirmed", Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>()).Context.Message.StatusNew);
    }

    [Fact]
    public async Task The_account_in_the_URL_is_matched_in_any_case_and_published_as_configured()
    {
        using var response = await _host.PostAsync(RuStoreVectors.Rs1Body, account: "GAME1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>());
        Assert.Equal("game1", published.Context.Message.Account);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "rustore/game1/production/123/paid"), published.Context.MessageId);
    }

    [Fact]
    public async Task An_unparsable_envelope_timestamp_is_published_as_null()
    {
        var body = RuStoreNotifications.Body(RuStoreVectors.Rs1Payload, timestamp: "soon");

        using var response = await _host.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(_host.Harness.Published.Select<RuStoreInvoiceStatusReceived>()).Context.Message.Timestamp);
    }
}
