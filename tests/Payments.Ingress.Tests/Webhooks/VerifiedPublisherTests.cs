using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.Ingress.Tests.RuStore;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Webhooks;

public class VerifiedPublisherTests
{
    [Fact]
    public async Task A_broker_that_refuses_the_message_gets_the_provider_a_503()
    {
        await using var host = await StartWith(BrokenPublishEndpoint.Failing());

        using var response = await host.PostAsync(RuStoreVectors.Rs1Body);

        await AssertBrokerUnavailable(response);
    }

    [Fact]
    public async Task A_broker_that_never_confirms_gets_the_provider_a_503_within_the_publish_timeout()
    {
        await using var host = await StartWith(BrokenPublishEndpoint.Hanging());
        var clock = Stopwatch.StartNew();

        using var response = await host.PostAsync(RuStoreVectors.Rs1Body);

        await AssertBrokerUnavailable(response);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    private static Task<IngressTestHost> StartWith(IPublishEndpoint publishEndpoint)
    {
        var settings = TestKeys.Settings();
        settings["Bus:PublishTimeout"] = "00:00:00.200";
        return IngressTestHost.StartAsync(settings, services => services.AddScoped(_ => publishEndpoint));
    }

    private static async Task AssertBrokerUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("broker_unavailable", problem.RootElement.GetProperty("reason").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
    }
}
