using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.OpenApiTests;

/// <summary>
/// A host's own Program.cs started in process, as deployed but on the embedded defaults: the in-memory transport,
/// SQLite files in a temp folder, and (Ingress) one RuStore account, without which Ingress refuses to start.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    /// <summary>Every host that serves HTTP APIs, and the standalone composition of all the modules.</summary>
    public static readonly string[] Hosts =
    [
        "Payments.Ingress.Host", "Payments.Orders.Host", "Payments.Entitlements.Host", "Payments.Archive.Host", "Payments.Notifier.Host", "Payments.Standalone",
    ];

    private readonly IAsyncDisposable _factory;
    private readonly string _data;

    private ServiceHost(IAsyncDisposable factory, HttpClient client, IServiceProvider services, string data)
    {
        _factory = factory;
        Client = client;
        Services = services;
        _data = data;
    }

    /// <summary>A client that sends no credential.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services { get; }

    public IReadOnlyList<RouteEndpoint> Endpoints => Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public static Task<ServiceHost> StartAsync(string assembly)
    {
        var entryPoint = Assembly.Load(assembly).EntryPoint?.DeclaringType ?? throw new InvalidOperationException($"{assembly} has no entry point.");
        var start = typeof(ServiceHost).GetMethod(nameof(StartAsync), 1, BindingFlags.NonPublic | BindingFlags.Static, null, [], null)!
            .MakeGenericMethod(entryPoint);
        return (Task<ServiceHost>)start.Invoke(null, [])!;
    }

    private static Task<ServiceHost> StartAsync<TEntryPoint>()
        where TEntryPoint : class
    {
        var data = Directory.CreateTempSubdirectory("payments-openapi-").FullName;
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Bus:Transport", "InMemory");
            web.UseSetting("Database:Provider", "Sqlite");
            foreach (var database in new[] { "Orders", "Entitlements", "Archive", "Notifier" })
            {
                web.UseSetting($"ConnectionStrings:{database}", $"Data Source={Path.Combine(data, database.ToLowerInvariant() + ".db")}");
            }

            if (typeof(TEntryPoint).Assembly.GetName().Name == "Payments.Ingress.Host")
            {
                web.UseSetting("Providers:RuStore:Accounts:game1:Keys:0", Convert.ToBase64String(new byte[32]));
            }
        });
        try
        {
            var client = factory.CreateClient(); // starts the host: its Map* calls and the access check
            return Task.FromResult(new ServiceHost(factory, client, factory.Services, data));
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await _factory.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // The factory stops the host while the host's own Program.cs, whose app.Run() returns on that stop,
            // disposes it: a hosted service may then be stopped after it was disposed. The document was read by then.
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a pooled connection; the temp folder is left to the OS.
        }
    }
}
