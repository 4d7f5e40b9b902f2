using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Notifier.Persistence;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;
using Payments.Testing;

namespace Payments.Notifier.Tests.Support;

/// <summary>
/// The Notifier module composed as its host composes it, on MassTransit's in-memory transport and the given database,
/// with its HTTP API on a loopback port. Endpoints point at a <see cref="WebhookReceiver"/>; a test may give its own
/// clock (a compressed one for the retry schedule).
/// </summary>
internal sealed class NotifierTestHost : IAsyncDisposable
{
    /// <summary>Two signing secrets (the first signs first; both are announced), Base64 of 32 bytes each.</summary>
    public static readonly string[] Secrets =
    [
        "whsec_" + Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
        "whsec_" + Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]),
    ];

    private readonly WebApplication _app;

    private NotifierTestHost(WebApplication app)
    {
        _app = app;
    }

    public HttpClient Http { get; private set; } = new();

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings of an endpoint called <paramref name="name"/> at <paramref name="receiver"/>, signed with both <see cref="Secrets"/>.</summary>
    public static Dictionary<string, string?> Endpoint(WebhookReceiver receiver, string name, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Notifier:Endpoints:{name}:Url"] = receiver.UrlOf(name),
            [$"Notifier:Endpoints:{name}:Secrets:0"] = Secrets[0],
            [$"Notifier:Endpoints:{name}:Secrets:1"] = Secrets[1],
        };
        foreach (var (key, value) in more)
        {
            settings[$"Notifier:Endpoints:{name}:{key}"] = value;
        }

        return settings;
    }

    public static Task<NotifierTestHost> StartOnSqliteAsync(string folder, IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null, LogCapture? logs = null) =>
        StartAsync("Sqlite", $"Data Source={Path.Combine(folder, "notifier.db")}", settings, clock, logs);

    /// <param name="logs">When given, every log line of every level goes there (and nowhere else).</param>
    public static async Task<NotifierTestHost> StartAsync(
        string provider, string connectionString, IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null, LogCapture? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Notifier"] = connectionString,
            ["Notifier:AllowLoopback"] = "true",
            ["Notifier:PollInterval"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(ApiCredentials.Tests.Settings()!);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }
        builder.AddNotifier();
        builder.AddBus();

        var app = builder.Build();
        app.MapNotifier();
        var host = new NotifierTestHost(app);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.StartAsync(cts.Token);
            var bus = app.Services.GetRequiredService<IBusControl>();
            while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                await Task.Delay(50, cts.Token);
            }

            host.Url = new Uri(app.Urls.First());
            host.Http = ApiCredentials.Tests.Client(host.Url);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Publishes <paramref name="message"/> as Entitlements or Orders does: under a chosen MessageId.</summary>
    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        Bus.Publish(message, context => context.MessageId = messageId);

    public async Task<TResult> QueryAsync<TResult>(Func<NotifierDbContext, Task<TResult>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotifierDbContext>());
    }

    public Task<List<WebhookDelivery>> DeliveriesAsync() =>
        QueryAsync(db => db.Deliveries.AsNoTracking().Include(d => d.AttemptLog).OrderBy(d => d.Id).ToListAsync());

    /// <summary>Waits until every delivery stored so far is settled (succeeded or failed) and there is at least <paramref name="count"/>.</summary>
    public async Task<List<WebhookDelivery>> WaitSettledAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var deliveries = await DeliveriesAsync();
            if (deliveries.Count >= count && deliveries.All(d => d.Status != DeliveryStatus.Pending))
            {
                return deliveries;
            }

            Assert.True(
                DateTime.UtcNow < deadline,
                $"{count} settled deliveries expected; have {string.Join(", ", deliveries.Select(d => $"{d.Endpoint}/{d.EventType} {d.Status} after {d.Attempts} [{string.Join("; ", d.AttemptLog.OrderBy(a => a.Number).Select(a => $"{a.Outcome} {a.StatusCode} {a.Error}"))}]"))}");
            await Task.Delay(25);
        }
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path)
    {
        using var response = await Http.PostAsync(path, null);
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(cts.Token);
        }

        await _app.DisposeAsync();
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
