using System.Net;
using System.Text.Json;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RuStore;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RuStore;

/// <summary>Every refusal is a JSON problem with the exact status and reason, and publishes nothing.</summary>
public sealed class RuStoreWebhookRefusalTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Without_a_RuStore_account_the_service_starts_and_answers_404()
    {
        // Another provider's account keeps the service up; this provider has none.
        await using var host = await IngressTestHost.StartAsync(new Dictionary<string, string?> { ["Providers:Xsolla:Accounts:other:SecretKeys:0"] = "x" });

        using var response = await host.PostAsync(RuStoreVectors.Rs1Body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_GET_is_not_allowed()
    {
        using var response = await _host.Client.GetAsync("/webhooks/rustore/game1");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    public static TheoryData<string, string, string, string, int, string> BadRequests()
    {
        var valid = RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext()));
        var tampered = RuStoreNotifications.TamperTag(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext()));

        return new()
        {
            { "unknown account", "game9", "application/json", valid, 404, "unknown_account" },
            { "text/plain", "game1", "text/plain", valid, 400, "unsupported_media_type" },
            { "form", "game1", "application/x-www-form-urlencoded", valid, 400, "unsupported_media_type" },
            { "over 64 KiB", "game1", "application/json", RuStoreNotifications.Body(new string('A', 64 * 1024)), 400, "body_too_large" },
            { "empty body", "game1", "application/json", "", 400, "malformed_json" },
            { "not JSON", "game1", "application/json", "{\"id\":", 400, "malformed_json" },
            { "JSON array", "game1", "application/json", "[]", 400, "malformed_json" },
            { "no payload", "game1", "application/json", """{"id":"1","timestamp":"2025-11-18T10:38:58.619Z"}""", 400, "missing_field" },
            { "payload not a string", "game1", "application/json", """{"id":"1","payload":123}""", 400, "missing_field" },
            { "no id", "game1", "application/json", """{"payload":"AAAA"}""", 400, "missing_field" },
            { "bad Base64", "game1", "application/json", RuStoreNotifications.Body("@@not base64@@"), 400, "bad_base64" },
            { "28 bytes", "game1", "application/json", RuStoreNotifications.Body(Convert.ToBase64String(new byte[28])), 400, "payload_too_short" },
            { "bad tag", "game1", "application/json", RuStoreNotifications.Body(tampered), 400, "decryption_failed" },
            { "unknown key", "game1", "application/json", RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Unknown, RuStoreSamples.InvoiceStatusPlaintext())), 400, "decryption_failed" },
            { "not JSON inside", "game1", "application/json", RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, "hello")), 400, "malformed_payload" },
            {
                "unknown type", "game1", "application/json",
                RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, RuStoreSamples.InvoiceStatusPlaintext(type: "SUBSCRIPTION_EVENT"))), 400, "unknown_notification_type"
            },
            {
                "sandbox key, production type", "game1", "application/json",
                RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS"))), 400, "sandbox_key_for_production_type"
            },
            {
                "data not JSON", "game1", "application/json",
                RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, """{"notification_type":"INVOICE_STATUS","data":"{oops"}""")), 400, "malformed_data"
            },
            {
                "no invoice_id", "game1", "application/json",
                RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, """{"notification_type":"INVOICE_STATUS","data":"{\"status_new\":\"paid\"}"}""")), 400, "missing_field"
            },
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_gets_a_problem_and_publishes_nothing(string @case, string account, string contentType, string body, int status, string reason)
    {
        using var response = await _host.PostAsync(body, account, contentType);

        Assert.True(status == (int)response.StatusCode, $"{@case}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(reason, problem.RootElement.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.DoesNotContain(Convert.ToBase64String(TestKeys.Current), text, StringComparison.Ordinal);
        Assert.DoesNotContain("inv-1", text, StringComparison.Ordinal);
        Assert.True(await _host.PublishedNothingAsync(), $"{@case}: something was published");
    }
}
