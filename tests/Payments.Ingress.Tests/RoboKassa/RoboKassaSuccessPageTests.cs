using System.Net;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RoboKassa;

/// <summary>The SuccessURL redirect: verified with Password #1, shown as a page, never published.</summary>
public sealed class RoboKassaSuccessPageTests : IAsyncLifetime
{
    private const string Received = "Payment received, your items will arrive shortly";

    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(RoboKassaShop.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static List<KeyValuePair<string, string>> R3(string signature = RoboKassaVectors.R3Md5) =>
        [new("OutSum", "4710.00"), new("InvId", "63"), new("SignatureValue", signature), new("Culture", "ru")];

    [Fact]
    public async Task R3_verified_with_Password1_shows_the_received_page_and_publishes_nothing()
    {
        using var response = await _host.GetSuccessAsync("shop1", R3());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Received, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await _host.PublishedNothingAsync(), "a redirect must never be published");
    }

    [Fact]
    public async Task R3_in_lowercase_hex_is_verified_too()
    {
        using var response = await _host.GetSuccessAsync("shop1", R3(RoboKassaVectors.R3Md5.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_test_payment_redirect_is_verified_with_TestPassword1()
    {
        var query = R3(RoboKassaCalls.Sign("MD5", "4710.00:63:test_password_1")).Append(new("IsTest", "1"));

        using var response = await _host.GetSuccessAsync("shop1", query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Received, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, int> NotConfirmed() => new()
    {
        { "wrong signature", "shop1", "OutSum=4710.00&InvId=63&SignatureValue=054BBACA7AC7EB0BBD4939DCD5239435", 400 },
        { "tampered amount", "shop1", "OutSum=1.00&InvId=63&SignatureValue=" + RoboKassaVectors.R3Md5, 400 },
        { "signed with Password2 (a ResultURL signature)", "shop1", "OutSum=100.000000&InvId=450009&SignatureValue=" + RoboKassaVectors.R2Md5, 400 },
        { "live signature marked as test", "shop1", "OutSum=4710.00&InvId=63&IsTest=1&SignatureValue=" + RoboKassaVectors.R3Md5, 400 },
        { "no signature", "shop1", "OutSum=4710.00&InvId=63", 400 },
        { "unknown account", "shop9", "OutSum=4710.00&InvId=63&SignatureValue=" + RoboKassaVectors.R3Md5, 404 },
    };

    [Theory]
    [MemberData(nameof(NotConfirmed))]
    public async Task An_unverified_redirect_shows_the_failure_page(string @case, string account, string query, int status)
    {
        using var response = await _host.Client.GetAsync($"{RoboKassaCalls.SuccessPath(account)}?{query}");

        Assert.True(status == (int)response.StatusCode, $"{@case}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("We could not confirm this payment", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Received, page, StringComparison.Ordinal);
        Assert.True(await _host.PublishedNothingAsync(), $"{@case}: something was published");
    }

    [Fact]
    public async Task Nothing_from_the_request_is_echoed_into_the_page()
    {
        using var response = await _host.Client.GetAsync($"{RoboKassaCalls.SuccessPath("shop1")}?OutSum=4710.00&InvId=%3Cscript%3E&SignatureValue=00");

        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
