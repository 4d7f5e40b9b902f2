using Microsoft.Extensions.DependencyInjection;
using Payments.Notifier.Delivery;
using Payments.Notifier.Tests.Support;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>The HTTP client the module registers for deliveries: the address policy is its connect step, redirects stay unfollowed.</summary>
public sealed class ModuleClientTests : ReceiverTest
{

    [Fact]
    public async Task Without_AllowLoopback_the_delivery_client_refuses_a_loopback_address_before_connecting()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, new Dictionary<string, string?> { ["Notifier:AllowLoopback"] = "false" });
        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DeliverySender.ClientName);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri(Receiver.UrlOf("game")), new StringContent("{}")));

        Assert.Contains("is a loopback address (Notifier:AllowLoopback is off)", refused.ToString(), StringComparison.Ordinal);
        Assert.Empty(Receiver.Received);
    }

    [Fact]
    public async Task With_AllowLoopback_the_delivery_client_reaches_loopback_and_does_not_follow_redirects()
    {
        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, new Dictionary<string, string?>());
        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DeliverySender.ClientName);
        Receiver.Behave("game", (_, _) => 302);

        using var response = await client.PostAsync(new Uri(Receiver.UrlOf("game")), new StringContent("{}"));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Single(Receiver.Received);
    }
}
