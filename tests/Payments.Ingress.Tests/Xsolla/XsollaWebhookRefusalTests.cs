using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.Vectors;
using Payments.Simulator.Xsolla;

namespace Payments.Ingress.Tests.Xsolla;

/// <summary>Every refusal has the exact status and Xsolla error code, in Xsolla's error body, and publishes nothing.</summary>
public sealed class XsollaWebhookRefusalTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = XsollaSecrets.Settings();
        settings["Providers:Xsolla:Accounts:sdk:SecretKeys:0"] = XsollaVectors.SdkSecret;
        _host = await IngressTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string, byte[], string?, int, string> BadRequests()
    {
        var payment = XsollaFixtures.Read("payment.json");
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(payment)!.ToJsonString());
        var oversized = Encoding.UTF8.GetBytes($$"""{"notification_type":"payment","padding":"{{new string('A', 64 * 1024)}}"}""");
        byte[] notUtf8 = [.. Encoding.UTF8.GetBytes("""{"notification_type":"payment","transaction":{"id":1},"x":" """), 0xFF, .. "\"}"u8];

        var data = new TheoryData<string, string, string, byte[], string?, int, string>
        {
            { "no Authorization", "game1", "application/json", payment, null, 400, "INVALID_SIGNATURE" },
            { "empty Authorization", "game1", "application/json", payment, "", 400, "INVALID_SIGNATURE" },
            { "garbled Authorization", "game1", "application/json", payment, "Signature not-a-hex-digest", 400, "INVALID_SIGNATURE" },
            { "digest without scheme", "game1", "application/json", payment, XsollaWebhooks.Signature(payment, XsollaSecrets.Current), 400, "INVALID_SIGNATURE" },
            { "Bearer scheme", "game1", "application/json", payment, $"Bearer {XsollaWebhooks.Signature(payment, XsollaSecrets.Current)}", 400, "INVALID_SIGNATURE" },
            { "wrong secret", "game1", "application/json", payment, XsollaWebhooks.Authorization(payment, XsollaSecrets.Unknown), 400, "INVALID_SIGNATURE" },
            { "another body's signature", "game1", "application/json", payment, XsollaVectors.X3Authorization, 400, "INVALID_SIGNATURE" },
            { "re-serialized body", "game1", "application/json", reserialized, XsollaWebhooks.Authorization(payment, XsollaSecrets.Current), 400, "INVALID_SIGNATURE" },
            { "unknown account", "game9", "application/json", payment, XsollaWebhooks.Authorization(payment, XsollaSecrets.Current), 404, "INVALID_PARAMETER" },
            { "text/plain", "game1", "text/plain", payment, XsollaWebhooks.Authorization(payment, XsollaSecrets.Current), 400, "INVALID_PARAMETER" },
            { "form", "game1", "application/x-www-form-urlencoded", payment, XsollaWebhooks.Authorization(payment, XsollaSecrets.Current), 400, "INVALID_PARAMETER" },
            { "over 64 KiB", "game1", "application/json", oversized, XsollaWebhooks.Authorization(oversized, XsollaSecrets.Current), 400, "INVALID_PARAMETER" },
            { "not UTF-8", "game1", "application/json", notUtf8, XsollaWebhooks.Authorization(notUtf8, XsollaSecrets.Current), 400, "INVALID_PARAMETER" },
            { "X2: signed, but a payment without a transaction", "sdk", "application/json", Encoding.UTF8.GetBytes(XsollaVectors.X2Body), XsollaVectors.X2Authorization, 400, "INVALID_PARAMETER" },
        };

        // Signed with the current secret, so only what follows the signature check can refuse them.
        AddSigned(data, "empty body", "");
        AddSigned(data, "not JSON", """{"notification_type":""");
        AddSigned(data, "JSON array", "[]");
        AddSigned(data, "no notification_type", """{"transaction":{"id":1}}""");
        AddSigned(data, "notification_type not text", """{"notification_type":{"name":"payment"},"transaction":{"id":1}}""");
        AddSigned(data, "type we do not handle", """{"notification_type":"user_search","user":{"public_id":"1"}}""");
        AddSigned(data, "payment without transaction.id", """{"notification_type":"payment","transaction":{"external_id":"e-1"},"user":{"id":"1"}}""");
        AddSigned(data, "refund with transaction not an object", """{"notification_type":"refund","transaction":1}""");
        AddSigned(data, "order_paid without order", """{"notification_type":"order_paid","items":[],"user":{"external_id":"u"}}""");
        AddSigned(data, "order_canceled without any order id", """{"notification_type":"order_canceled","order":{"mode":"default"}}""");
        AddSigned(data, "user_validation without user.id", """{"notification_type":"user_validation","user":{"email":"a@example.com"}}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_gets_Xsollas_error_body_and_publishes_nothing(
        string @case, string account, string contentType, byte[] body, string? authorization, int status, string code)
    {
        using var response = await _host.PostXsollaAsync(body, authorization, account, contentType);

        Assert.True(status == (int)response.StatusCode, $"{@case}: expected {status}, got {(int)response.StatusCode}");
        var error = await XsollaAnswer.ErrorAsync(response);
        Assert.True(code == error.Code, $"{@case}: expected {code}, got {error.Code}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(XsollaSecrets.Current, text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.True(await _host.PublishedNothingAsync(), $"{@case}: something was published");
    }

    [Fact]
    public async Task Without_a_Xsolla_account_the_service_starts_and_answers_404()
    {
        // Another provider's account keeps the service up; this provider has none.
        await using var host = await IngressTestHost.StartAsync(new Dictionary<string, string?> { ["Providers:RuStore:Accounts:other:Keys:0"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" });
        var body = XsollaFixtures.Read("payment.json");

        using var response = await host.PostXsollaAsync(body, XsollaWebhooks.Authorization(body, XsollaSecrets.Current));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("INVALID_PARAMETER", (await XsollaAnswer.ErrorAsync(response)).Code);
        Assert.True(await host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_GET_is_not_allowed()
    {
        using var response = await _host.Client.GetAsync("/webhooks/xsolla/game1");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_broker_that_refuses_the_message_gets_a_503_SERVER_ERROR_never_a_4xx()
    {
        var settings = XsollaSecrets.Settings();
        settings["Bus:PublishTimeout"] = "00:00:00.200";
        await using var host = await IngressTestHost.StartAsync(settings, services => services.AddScoped(_ => BrokenPublishEndpoint.Failing()));
        var body = XsollaFixtures.Read("payment.json");

        using var response = await host.PostXsollaAsync(body, XsollaWebhooks.Authorization(body, XsollaSecrets.Current));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SERVER_ERROR", (await XsollaAnswer.ErrorAsync(response)).Code);
    }

    private static void AddSigned(TheoryData<string, string, string, byte[], string?, int, string> data, string @case, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        data.Add(@case, "game1", "application/json", bytes, XsollaWebhooks.Authorization(bytes, XsollaSecrets.Current), 400, "INVALID_PARAMETER");
    }
}
