using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Options;
using Payments.Notifier.Configuration;
using Payments.Notifier.Delivery;

namespace Payments.Notifier.Tests;

/// <summary>
/// Where deliveries may go: https only, plain http only to loopback and only when allowed, and no private,
/// link-local or other internal address unless configured — checked at start on the URL and at connect time on
/// the addresses a name resolves to.
/// </summary>
public sealed class OutboundSafetyTests
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(new byte[32]);

    [Theory]
    [InlineData("https://game.example.com/webhooks", false, false, null)]
    [InlineData("http://game.example.com/webhooks", true, false, "plain http to game.example.com")]
    [InlineData("http://127.0.0.1:9000/hook", false, false, "set Notifier:AllowLoopback=true")]
    [InlineData("http://localhost:9000/hook", true, false, null)]
    [InlineData("https://[::1]/hook", false, false, "set Notifier:AllowLoopback=true")]
    [InlineData("https://10.1.2.3/hook", false, false, "a private address")]
    [InlineData("https://169.254.10.1/hook", false, false, "a link-local address")]
    [InlineData("https://169.254.169.254/latest/meta-data", false, true, "which deliveries never call")]
    [InlineData("https://[fd00::1]/hook", false, false, "a private address")]
    [InlineData("https://100.64.0.1/hook", false, false, "a carrier-grade NAT address")]
    [InlineData("https://10.1.2.3/hook", false, true, null)]
    [InlineData("ftp://game.example.com/", false, false, "must be https")]
    [InlineData("https://user:pass@game.example.com/", false, false, "must not carry a user name or password")]
    [InlineData("game.example.com/webhooks", false, false, "must be an absolute https URL")]
    [InlineData("/relative", false, false, "must be https")]
    public void An_endpoint_url_is_checked_at_start(string url, bool allowLoopback, bool allowPrivate, string? failure)
    {
        var options = new NotifierOptions { AllowLoopback = allowLoopback, AllowPrivateNetworks = allowPrivate };
        options.Endpoints["game"] = new NotifierEndpointOptions { Url = url, Secrets = [Secret] };

        var result = new NotifierOptionsValidator().Validate(null, options);

        if (failure is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.True(result.Failed, $"{url} was accepted");
            Assert.Contains("Notifier:Endpoints:game:Url", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "Secrets is empty")]
    [InlineData("c2VjcmV0", "must start with whsec_")]
    [InlineData("whsec_not base64!", "is not whsec_ followed by Base64")]
    [InlineData("whsec_c2hvcnQ=", "is 5 bytes")]
    public void A_signing_secret_must_be_a_whsec_secret_of_24_to_64_bytes_and_is_never_echoed(string? secret, string failure)
    {
        var options = new NotifierOptions();
        options.Endpoints["game"] = new NotifierEndpointOptions { Url = "https://game.example.com/", Secrets = secret is null ? [] : [secret] };

        var result = new NotifierOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Filters_timeouts_and_schedules_are_checked_at_start()
    {
        var options = new NotifierOptions { RetryDelays = [TimeSpan.Zero], RetryJitter = 2, Timeout = TimeSpan.FromHours(1), MaxConcurrentDeliveries = 0 };
        options.Endpoints["game server"] = new NotifierEndpointOptions
        {
            Url = "https://game.example.com/", Secrets = [Secret], Events = ["entitlement.granted", "payment.done"], Environments = ["staging"], MaxConcurrency = 0,
        };

        var message = new NotifierOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("an endpoint name is 1–64 letters", message, StringComparison.Ordinal);
        Assert.Contains("Events has 'payment.done'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'entitlement.granted'", message, StringComparison.Ordinal);
        Assert.Contains("Environments has 'staging'", message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency must be at least 1", message, StringComparison.Ordinal);
        Assert.Contains("Notifier:RetryDelays", message, StringComparison.Ordinal);
        Assert.Contains("Notifier:RetryJitter", message, StringComparison.Ordinal);
        Assert.Contains("Notifier:Timeout", message, StringComparison.Ordinal);
        Assert.Contains("Notifier:MaxConcurrentDeliveries", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", null)]
    [InlineData("2606:4700::1111", null)]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:10.0.0.5", "private")]
    [InlineData("172.20.1.1", "private")]
    [InlineData("172.32.1.1", null)]
    [InlineData("192.168.1.10", "private")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast or reserved")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("64:ff9b::a9fe:a9fe", "cloud metadata")]
    [InlineData("64:ff9b::a00:1", "private")]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("2002:c0a8:0101::1", "private")]
    [InlineData("2002:0808:0808::1", null)]
    [InlineData("2001:0:4136:e378::1", "IPv6 transition (Teredo)")]
    [InlineData("::10.0.0.1", "IPv6 transition (IPv4-compatible)")]
    public void Addresses_are_classified_by_range(string address, string? range) =>
        Assert.Equal(range, OutboundAddressPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Cloud_metadata_is_refused_even_where_private_networks_are_allowed()
    {
        var policy = new OutboundAddressPolicy(Options.Create(new NotifierOptions { AllowPrivateNetworks = true, AllowLoopback = true }));

        Assert.Null(policy.Refusal(IPAddress.Parse("10.0.0.7")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("169.254.169.254")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("64:ff9b::a9fe:a9fe")));
    }

    [Fact]
    public async Task A_connection_to_a_refused_address_is_never_opened()
    {
        var policy = new OutboundAddressPolicy(Options.Create(new NotifierOptions()));
        using var handler = new SocketsHttpHandler { ConnectCallback = policy.ConnectAsync };
        using var client = new HttpClient(handler);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/")));
        Assert.Contains("127.0.0.1 is a loopback address (Notifier:AllowLoopback is off)", refused.InnerException?.Message ?? refused.Message, StringComparison.Ordinal);

        // A name that resolves to loopback is refused the same way: the check is on the resolved address.
        var resolved = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://localhost:9/")));
        Assert.Contains("is a loopback address", resolved.InnerException?.Message ?? resolved.Message, StringComparison.Ordinal);
    }
}
