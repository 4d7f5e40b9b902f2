using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Payments.Contracts.Access;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Security;

namespace Payments.UnitTests.Access;

/// <summary>A route cannot be open by omission: one without a scope or AllowAnonymous stops the start, named.</summary>
public sealed class OpenRouteRefusalTests
{
    [Fact]
    public async Task A_route_without_a_scope_stops_the_start_naming_the_route()
    {
        await using var app = Build();
        app.MapGet("/reports/{day}", () => Results.Ok());
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("/reports/{day}", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_with_a_scope_or_AllowAnonymous_start()
    {
        await using var app = Build();
        app.MapGet("/reports/{day}", () => Results.Ok()).RequireScope(Scopes.OrdersRead);
        app.MapGet("/ping", () => Results.Ok()).AllowAnonymous();
        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public void A_scope_that_does_not_exist_cannot_be_required()
    {
        using var app = Build();
        Assert.Throws<ArgumentException>(() => app.MapGet("/x", () => Results.Ok()).RequireScope("orders:everything"));
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" });
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
