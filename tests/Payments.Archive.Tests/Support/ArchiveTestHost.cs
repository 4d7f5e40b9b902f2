using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Archive.Persistence;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;

using Payments.Testing;

namespace Payments.Archive.Tests.Support;

/// <summary>
/// The Archive module composed as its host composes it, on MassTransit's in-memory transport and the given
/// database, with its HTTP API on a loopback port, plus a downstream consumer that records what it receives.
/// Receive endpoints take many messages at once, so redeliveries of one message really race.
/// </summary>
internal sealed class ArchiveTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ArchiveTestHost(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Bound once the host listens (its port is chosen at start).</summary>
    /// <summary>A client of the archive API sending <see cref="ApiCredentials.Tests"/> (every scope).</summary>
    public HttpClient Http { get; private set; } = new();

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public DownstreamLog Downstream => _app.Services.GetRequiredService<DownstreamLog>();

    public static Task<ArchiveTestHost> StartOnSqliteAsync(string folder) =>
        StartAsync("Sqlite", $"Data Source={Path.Combine(folder, "archive.db")}");

    /// <param name="settings">more configuration (another transport)</param>
    /// <param name="contribution">more consumers on the bus</param>
    public static async Task<ArchiveTestHost> StartAsync(
        string provider, string connectionString, IDictionary<string, string?>? settings = null, Action<IBusRegistrationConfigurator>? contribution = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Archive"] = connectionString,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Configuration.AddInMemoryCollection(ApiCredentials.Tests.Settings()!);
        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddArchive();
        builder.Services.AddSingleton<DownstreamLog>();
        builder.AddBusContribution(bus =>
        {
            bus.AddConsumer<DownstreamConsumer>();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.ConcurrentMessageLimit = 16);
            contribution?.Invoke(bus);
        });
        builder.AddBus();

        var app = builder.Build();
        app.MapArchive();
        var host = new ArchiveTestHost(app);
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

    /// <summary>Publishes <paramref name="message"/> as Ingress does: under a chosen MessageId.</summary>
    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        Bus.Publish(message, context => context.MessageId = messageId);

    public async Task<TResult> QueryAsync<TResult>(Func<ArchiveDbContext, Task<TResult>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
    }

    public Task<List<ArchivedNotification>> RowsAsync(Guid messageId) =>
        QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.MessageId == messageId).ToListAsync());

    /// <summary>Waits until the archive has a row for <paramref name="messageId"/>.</summary>
    public async Task<ArchivedNotification> WaitArchivedAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if ((await RowsAsync(messageId)).SingleOrDefault() is { } row)
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, $"message {messageId} was never archived");
            await Task.Delay(25);
        }
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object? body = null)
    {
        using var response = await Http.PostAsync(path, body is null ? null : System.Net.Http.Json.JsonContent.Create(body));
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
