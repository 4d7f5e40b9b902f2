using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Orders.Persistence;
using Payments.Orders.Saga;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;
using Payments.Testing;

namespace Payments.Orders.Tests.Api;

/// <summary>
/// The Orders module composed as its host composes it (in-memory bus, the given database, the HTTP API on a loopback
/// port), for the query routes: tests write saga rows straight into the database and read them back over HTTP.
/// </summary>
public sealed class OrdersApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OrdersApiHost(WebApplication app) => _app = app;

    public HttpClient Http { get; private set; } = new();

    public static Task<OrdersApiHost> StartOnSqliteAsync(string folder) =>
        StartAsync("Sqlite", $"Data Source={Path.Combine(folder, "orders.db")}");

    public static async Task<OrdersApiHost> StartAsync(string provider, string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Orders"] = connectionString,
            ["Orders:Accounts:rustore"] = "Game",
            ["Orders:Accounts:xsolla"] = "shop",
        });
        builder.Configuration.AddInMemoryCollection(ApiCredentials.Tests.Settings()!);
        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOrders();
        builder.AddBus();

        var app = builder.Build();
        app.MapOrders();
        var host = new OrdersApiHost(app);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.StartAsync(cts.Token);
            host.Http = ApiCredentials.Tests.Client(new Uri(app.Urls.First()));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async Task AddAsync(params OrderState[] orders)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
    }

    public async Task<TResult> QueryAsync<TResult>(Func<OrdersDbContext, Task<TResult>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrdersDbContext>());
    }

    public async Task<(int Status, JsonElement Body, string? ContentType)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
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
}
