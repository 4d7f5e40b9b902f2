using System.Net;
using System.Text.Json;
using Payments.Contracts.Access;
using Payments.Testing;

namespace Payments.IntegrationTests.Access;

/// <summary>
/// The standalone host as a process (in-memory transport, SQLite in a temp folder, the development provider
/// secrets) configured with API keys and a JWT issuer the way README.md "Security" says, and that issuer on a
/// loopback port. Keys: <c>game-2026</c> and <c>game-2027</c> (every scope: the same caller during a rotation),
/// and for each scope a route needs, <c>only-{scope}</c> (that scope alone) and <c>all-but-{scope}</c>.
/// <see cref="RevokedKey"/> was <c>game-2025</c>, rotated out: no entry names it any more.
/// </summary>
public sealed class SecuredStandalone : IAsyncLifetime
{
    public const string Audience = "payments-api";

    /// <summary>The RuStore key of the standalone's <c>demo</c> account (README.md, development secrets).</summary>
    public static readonly byte[] DemoRuStoreKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    public static readonly string[] RouteScopes =
        [Scopes.OrdersWrite, Scopes.OrdersRead, Scopes.OrdersResolve, Scopes.EntitlementsRead, Scopes.UsersWrite, Scopes.ArchiveRead, Scopes.ArchiveReplay, Scopes.DeadLettersRead, Scopes.DeadLettersRequeue, Scopes.NotifierRead, Scopes.NotifierWrite];

    private readonly string _data = Directory.CreateTempSubdirectory("payments-access-").FullName;
    private ServiceProcess? _process;

    public ApiCredentials Current { get; } = ApiCredentials.Generate("game-2027");

    public ApiCredentials Previous { get; } = ApiCredentials.Generate("game-2026");

    public string RevokedKey { get; } = ApiKey.Generate();

    public Dictionary<string, ApiCredentials> Only { get; } = RouteScopes.ToDictionary(s => s, s => ApiCredentials.Generate($"only-{s.Replace(':', '-')}", [s]));

    public Dictionary<string, ApiCredentials> AllBut { get; } =
        RouteScopes.ToDictionary(s => s, s => ApiCredentials.Generate($"all-but-{s.Replace(':', '-')}", [.. Scopes.All.Where(x => x != s)]));

    public LocalIdentityProvider Issuer { get; private set; } = null!;

    public Uri Url => new(_process?.Url ?? throw new InvalidOperationException("Not started."));

    public string RecentOutput => _process?.RecentOutput ?? "";

    public async Task InitializeAsync()
    {
        Issuer = LocalIdentityProvider.Start();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orders"] = $"Data Source={Path.Combine(_data, "orders.db")}",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, "entitlements.db")}",
            ["ConnectionStrings__Archive"] = $"Data Source={Path.Combine(_data, "archive.db")}",
            ["ConnectionStrings__Notifier"] = $"Data Source={Path.Combine(_data, "notifier.db")}",
            ["Auth__Jwt__Authority"] = Issuer.Authority,
            ["Auth__Jwt__Audience"] = Audience,
        };
        foreach (var credentials in new[] { Current, Previous }.Concat(Only.Values).Concat(AllBut.Values))
        {
            foreach (var (key, value) in credentials.EnvironmentVariables)
            {
                environment[key] = value;
            }
        }

        _process = ServiceProcess.Start("standalone-secured", ServiceProcess.HostDll("Payments.Standalone"), environment, $"http://127.0.0.1:{FreePort.Get()}");
        await _process.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await Issuer.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>A client that sends nothing on its own: each request carries the credential under test.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Polls <c>GET /orders/rustore/demo/{orderId}</c> through <paramref name="client"/> until <paramref name="done"/> holds (30 s).</summary>
    public async Task<JsonElement> WaitForOrderAsync(HttpClient client, string orderId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"/orders/rustore/demo/{orderId}");
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(last).RootElement is var order && done(order))
            {
                return order.Clone();
            }

            await Task.Delay(100);
        }

        Assert.Fail($"order {orderId} never got there; last {last}\n{RecentOutput}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>A RuStore notification of the demo account, sealed with its development key.</summary>
    public static HttpRequestMessage RuStoreWebhook(string orderId, string status, string sku) =>
        PaymentPath.RuStoreNotification("demo", DemoRuStoreKey, orderId, status, sku).ToHttpRequest();
}
