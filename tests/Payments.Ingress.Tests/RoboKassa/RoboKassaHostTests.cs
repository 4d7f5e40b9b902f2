using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RoboKassa;

/// <summary>The real Program.cs composition, configured the way a deployment would (flat settings, in-memory bus).</summary>
public sealed class RoboKassaHostTests : IClassFixture<RoboKassaHostTests.Factory>
{
    private readonly Factory _factory;

    public RoboKassaHostTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task The_host_answers_the_R1_example_with_OK450009()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(
            "/webhooks/robokassa/shop1/result", new StringContent(RoboKassaVectors.R1Body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK450009", await response.Content.ReadAsStringAsync());
    }

    public sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Bus:Transport", "InMemory");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Providers:RoboKassa:Accounts:shop1:Password1", RoboKassaVectors.Password1);
            builder.UseSetting("Providers:RoboKassa:Accounts:shop1:Password2", RoboKassaVectors.Password2);
        }
    }
}
