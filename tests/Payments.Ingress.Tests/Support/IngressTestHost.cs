using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.ServiceDefaults;
using Payments.Simulator;
using Payments.Simulator.RuStore;

namespace Payments.Ingress.Tests.Support;

/// <summary>
/// The Ingress module composed as its host composes it, on an in-process TestServer, with MassTransit's in-memory
/// test harness as the bus.
/// </summary>
internal sealed class IngressTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngressTestHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
        Harness = app.Services.GetRequiredService<ITestHarness>();
    }

    public HttpClient Client { get; }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IngressTestHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // Nothing answers ValidateUser here unless a test connects a responder, and every published message counts.
            ["Providers:Xsolla:UserValidationWarmup"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? TestKeys.Settings());

        builder.AddServiceDefaults();
        builder.AddIngress();
        // Ingress publishes before it answers, so by the answer every message is in the harness: a short inactivity
        // wait is enough for "nothing else was published", and each test does not idle for MassTransit's default.
        builder.Services.AddMassTransitTestHarness(bus => bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(250)));
        // Refusal summaries are published when a test asks (RefusalCountTests), never by the clock in the middle of
        // another test that checks what was published.
        foreach (var loop in builder.Services.Where(d => d.ImplementationType == typeof(Payments.Ingress.Webhooks.RefusalSummaryLoop)).ToList())
        {
            builder.Services.Remove(loop);
        }
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            app.MapIngress();
            await app.StartAsync();
            return new IngressTestHost(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a request built by the provider simulator.</summary>
    public async Task<HttpResponseMessage> SendAsync(ProviderRequest request)
    {
        using var message = request.ToHttpRequest();
        return await Client.SendAsync(message);
    }

    /// <summary>Posts any body (also a deliberately broken one) to the RuStore account's notification URL.</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string account = "game1", string contentType = "application/json") =>
        SendAsync(RuStoreNotifications.Request(account, body) with { ContentType = contentType });

    /// <summary>True when no message of any type was published within a short wait.</summary>
    public async Task<bool> PublishedNothingAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        return !await Harness.Published.Any(_ => true, wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
