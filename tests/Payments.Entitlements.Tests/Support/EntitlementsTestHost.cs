using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Entitlements;
using Payments.Contracts.Orders;
using Payments.Entitlements.Ledger;
using Payments.Entitlements.Persistence;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;
using Payments.Testing;

namespace Payments.Entitlements.Tests.Support;

/// <summary>
/// The Entitlements module composed as its host composes it (<c>AddServiceDefaults</c>, <c>AddEntitlements</c>,
/// <c>AddBus</c>, <c>MapEntitlements</c>), on MassTransit's in-memory transport and a migrated PostgreSQL database,
/// with its HTTP API on a loopback port. Every receive endpoint takes <see cref="Concurrency"/> messages at once
/// and none is partitioned, so redeliveries of one message really race. A downstream consumer records what the
/// module publishes.
/// </summary>
internal sealed class EntitlementsTestHost : IAsyncDisposable
{
    public const int Concurrency = 32;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly List<ConnectHandle> _observers = [];

    private EntitlementsTestHost(WebApplication app, LogCapture logs)
    {
        _app = app;
        Logs = logs;
    }

    /// <summary>A client of the module's HTTP API sending <see cref="ApiCredentials.Tests"/> (the port is known once the host started).</summary>
    public HttpClient Http { get; private set; } = new();

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public LogCapture Logs { get; }

    public IServiceProvider Services => _app.Services;

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public DownstreamLog Downstream => _app.Services.GetRequiredService<DownstreamLog>();

    public ConsumeGauge<OrderPaid> PaidDeliveries { get; } = new();

    public ConsumeGauge<OrderRevoked> RevokedDeliveries { get; } = new();

    public ConsumeGauge<OrderPlaced> PlacedDeliveries { get; } = new();

    /// <param name="services">Registrations after the module's own (e.g. an interceptor on the DbContext).</param>
    public static async Task<EntitlementsTestHost> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var configuration = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Entitlements"] = connectionString,
        };
        foreach (var (key, value) in ApiCredentials.Tests.Settings())
        {
            configuration[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        var logs = new LogCapture();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);

        builder.AddEntitlements();
        services?.Invoke(builder.Services);
        builder.Services.AddSingleton<DownstreamLog>();
        builder.AddBusContribution(bus =>
        {
            bus.AddConsumer<DownstreamConsumer>();
            bus.AddRequestClient<ValidateUser>();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.ConcurrentMessageLimit = Concurrency);
        });
        builder.AddBus();

        var app = builder.Build();
        app.MapEntitlements();
        var host = new EntitlementsTestHost(app, logs);
        try
        {
            using var cts = new CancellationTokenSource(StartTimeout);
            await app.StartAsync(cts.Token);
            host.Url = new Uri(app.Urls.First());
            host.Http = ApiCredentials.Tests.Client(host.Url);
            var bus = app.Services.GetRequiredService<IBusControl>();
            while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                cts.Token.ThrowIfCancellationRequested();
                await Task.Delay(50, cts.Token);
            }

            // Ready as a deployment means it: the start-up warm-ups, the pipeline's rehearsal among them, are done, so
            // their marked messages are not among what a test counts.
            var health = app.Services.GetRequiredService<HealthCheckService>();
            while ((await health.CheckHealthAsync(check => check.Name == "warmup", cts.Token)).Status != HealthStatus.Healthy)
            {
                await Task.Delay(50, cts.Token);
            }

            host._observers.Add(bus.ConnectConsumeMessageObserver(host.PaidDeliveries));
            host._observers.Add(bus.ConnectConsumeMessageObserver(host.RevokedDeliveries));
            host._observers.Add(bus.ConnectConsumeMessageObserver(host.PlacedDeliveries));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Publishes <paramref name="message"/> <paramref name="times"/> times at once, always with the same message id: one message redelivered.</summary>
    public Task DeliverConcurrentlyAsync<T>(T message, int times)
        where T : class
    {
        var messageId = NewId.NextGuid();
        return Task.WhenAll(Enumerable.Range(0, times).Select(_ => Bus.Publish(message, context => context.MessageId = messageId)));
    }

    public async Task<TResult> QueryAsync<TResult>(Func<EntitlementsDbContext, Task<TResult>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EntitlementsDbContext>());
    }

    public Task<List<Grant>> GrantsOfAsync(Guid orderId) =>
        QueryAsync(db => db.Grants.AsNoTracking().Where(g => g.OrderId == orderId).OrderBy(g => g.Sku).ToListAsync());

    /// <summary>Runs <paramref name="work"/> with <see cref="GrantLedger"/>s of <paramref name="count"/> scopes at once (as concurrent deliveries would).</summary>
    public async Task<TResult[]> InConcurrentScopesAsync<TResult>(int count, Func<GrantLedger, int, Task<TResult>> work)
    {
        using var start = new SemaphoreSlim(0, count);
        var runs = Enumerable.Range(0, count).Select(async i =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var ledger = scope.ServiceProvider.GetRequiredService<GrantLedger>();
            await start.WaitAsync();
            return await work(ledger, i);
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(runs);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<ValidateUserAnswer> ValidateAsync(string userId, bool warmup = false)
    {
        var client = _app.Services.GetRequiredService<IRequestClient<ValidateUser>>();
        var response = await client.GetResponse<UserKnown, UserUnknown>(
            new ValidateUser { Provider = "xsolla", Account = "game", Environment = "production", UserId = userId, Warmup = warmup },
            timeout: RequestTimeout.After(s: 10));
        return response.Is(out Response<UserKnown>? _) ? ValidateUserAnswer.Known : ValidateUserAnswer.Unknown;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var observer in _observers)
        {
            observer.Disconnect();
        }

        Http.Dispose();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(cts.Token);
        }

        await _app.DisposeAsync();
    }
}

internal enum ValidateUserAnswer
{
    Known,
    Unknown,
}
