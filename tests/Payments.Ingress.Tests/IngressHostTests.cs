using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Payments.Ingress.Tests.RuStore;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests;

/// <summary>The real Program.cs composition (service defaults, module, bus), with the in-memory transport.</summary>
public sealed class IngressHostTests : IClassFixture<IngressHostTests.Factory>
{
    private readonly Factory _factory;

    public IngressHostTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task The_host_answers_RS_1_with_200()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(
            "/webhooks/rustore/game1", new StringContent(RuStoreVectors.Rs1Body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_host_is_live()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Bus:Transport", "InMemory");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Providers:RuStore:Accounts:game1:Keys:0", RuStoreVectors.KeyBase64);
        }
    }
}
