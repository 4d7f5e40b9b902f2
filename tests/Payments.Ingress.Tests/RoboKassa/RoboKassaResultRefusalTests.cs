using System.Net;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RoboKassa;

/// <summary>Every refusal is plain text with the exact status and body, never <c>OK…</c>, and publishes nothing.</summary>
public sealed class RoboKassaResultRefusalTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(RoboKassaShop.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string, int, string> BadCalls()
    {
        static string Form(params (string Name, string Value)[] pairs) =>
            string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

        var r1 = new (string, string)[] { ("OutSum", "100.000000"), ("InvId", "450009"), ("SignatureValue", RoboKassaVectors.R1Md5), ("Shp_login", "Vasya"), ("Shp_oplata", "1") };
        string Without(string name) => Form(r1.Where(p => p.Item1 != name).ToArray());
        string With(string name, string value) => Form(r1.Select(p => p.Item1 == name ? (name, value) : p).ToArray());

        return new()
        {
            { "missing InvId", "shop1", Without("InvId"), 400, "missing parameter InvId" },
            { "empty InvId", "shop1", With("InvId", ""), 400, "missing parameter InvId" },
            { "missing OutSum", "shop1", Without("OutSum"), 400, "missing parameter OutSum" },
            { "missing SignatureValue", "shop1", Without("SignatureValue"), 400, "missing parameter SignatureValue" },
            { "non-numeric OutSum", "shop1", With("OutSum", "100,000000"), 400, "bad parameter OutSum" },
            { "negative OutSum", "shop1", With("OutSum", "-100.000000"), 400, "bad parameter OutSum" },
            { "wrong signature", "shop1", With("SignatureValue", "4ADCEF23DEDED52FAEF69A96EFDF67E9"), 400, "bad signature" },
            { "signature not hex", "shop1", With("SignatureValue", "BAD SIGN"), 400, "bad signature" },
            { "tampered OutSum", "shop1", With("OutSum", "1.000000"), 400, "bad signature" },
            { "reformatted OutSum", "shop1", With("OutSum", "100.00"), 400, "bad signature" },
            { "tampered InvId", "shop1", With("InvId", "450010"), 400, "bad signature" },
            { "tampered Shp value", "shop1", With("Shp_login", "Mallory"), 400, "bad signature" },
            { "extra Shp parameter", "shop1", Form([.. r1, ("Shp_user", "mallory")]), 400, "bad signature" },
            { "missing Shp parameter", "shop1", Without("Shp_oplata"), 400, "bad signature" },
            { "test flag on a live signature", "shop1", Form([.. r1, ("IsTest", "1")]), 400, "bad signature" },
            { "live password signature of R3", "shop1", Form(("OutSum", "4710.00"), ("InvId", "63"), ("SignatureValue", RoboKassaVectors.R3Md5)), 400, "bad signature" },
            { "repeated parameter", "shop1", Form([.. r1, ("Shp_login", "Vasya")]), 400, "duplicate parameter Shp_login" },
            { "repeated in another case", "shop1", Form([.. r1, ("shp_LOGIN", "Vasya")]), 400, "duplicate parameter Shp_login" },
            { "unknown account", "shop9", RoboKassaVectors.R1Body, 404, "unknown account" },
            { "oversized body", "shop1", RoboKassaVectors.R1Body + "&Shp_pad=" + new string('A', 64 * 1024), 400, "request body larger than 65536 bytes" },
            { "empty body", "shop1", "", 400, "missing parameter OutSum" },
        };
    }

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_call_gets_a_plain_text_refusal_and_publishes_nothing(string @case, string account, string form, int status, string body)
    {
        using var response = await _host.PostResultAsync(account, form);

        await AssertRefused(response, status, body, @case);
        Assert.True(await _host.PublishedNothingAsync(), $"{@case}: something was published");
    }

    [Fact]
    public async Task A_bad_GET_is_refused_the_same_way()
    {
        using var response = await _host.GetResultAsync("shop1", RoboKassaShop.R1("4ADCEF23DEDED52FAEF69A96EFDF67E9"));

        await AssertRefused(response, 400, "bad signature");
        Assert.True(await _host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_test_payment_signed_with_the_live_password_is_refused()
    {
        // R1 signs with the live Password #2; with IsTest=1 only the test Password #2 may verify it.
        using var response = await _host.GetResultAsync("shop1", RoboKassaShop.R1().Append(new("IsTest", "1")));

        await AssertRefused(response, 400, "bad signature");
        Assert.True(await _host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_real_payment_signed_with_the_test_password_is_refused()
    {
        var signature = RoboKassaCalls.Sign("MD5", "100.000000:450009:test_password_2:Shp_login=Vasya:Shp_oplata=1");

        using var response = await _host.GetResultAsync("shop1", RoboKassaShop.R1(signature));

        await AssertRefused(response, 400, "bad signature");
        Assert.True(await _host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_test_payment_to_a_shop_without_test_passwords_is_refused()
    {
        await using var host = await IngressTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Providers:RoboKassa:Accounts:live:Password1"] = RoboKassaVectors.Password1,
            ["Providers:RoboKassa:Accounts:live:Password2"] = RoboKassaVectors.Password2,
        });

        using var response = await host.GetResultAsync("live", RoboKassaShop.R1().Append(new("IsTest", "1")));

        await AssertRefused(response, 400, "test payments are not configured for this account");
        Assert.True(await host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused()
    {
        using var response = await _host.Client.PostAsync(RoboKassaCalls.ResultPath("shop1"), new StringContent("{}", Encoding.UTF8, "application/json"));

        await AssertRefused(response, 400, "content type must be application/x-www-form-urlencoded");
        Assert.True(await _host.PublishedNothingAsync());
    }

    [Fact]
    public async Task Without_a_RoboKassa_account_the_service_starts_and_answers_404()
    {
        // Another provider's account keeps the service up; this provider has none.
        await using var host = await IngressTestHost.StartAsync(new Dictionary<string, string?> { ["Providers:Xsolla:Accounts:other:SecretKeys:0"] = "x" });

        using var response = await host.PostResultAsync("shop1", RoboKassaVectors.R1Body);

        await AssertRefused(response, 404, "unknown account");
        Assert.True(await host.PublishedNothingAsync());
    }

    [Fact]
    public async Task A_broker_that_refuses_the_message_gets_a_503_and_no_OK()
    {
        var settings = RoboKassaShop.Settings();
        settings["Bus:PublishTimeout"] = "00:00:00.200";
        await using var host = await IngressTestHost.StartAsync(settings, services => services.AddScoped(_ => BrokenPublishEndpoint.Failing()));

        using var response = await host.PostResultAsync("shop1", RoboKassaVectors.R1Body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("OK", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_that_never_confirms_gets_a_503()
    {
        var settings = RoboKassaShop.Settings();
        settings["Bus:PublishTimeout"] = "00:00:00.200";
        await using var host = await IngressTestHost.StartAsync(settings, services => services.AddScoped<IPublishEndpoint>(_ => BrokenPublishEndpoint.Hanging()));

        using var response = await host.GetResultAsync("shop1", RoboKassaShop.R1());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False((await response.Content.ReadAsStringAsync()).StartsWith("OK", StringComparison.Ordinal));
    }

    private static async Task AssertRefused(HttpResponseMessage response, int status, string body, string? @case = null)
    {
        Assert.True(status == (int)response.StatusCode, $"{@case}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(body, text);
        Assert.False(text.StartsWith("OK", StringComparison.OrdinalIgnoreCase), @case);
        Assert.DoesNotContain("password_2", text, StringComparison.Ordinal);
    }
}
