using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Payments.Contracts;
using Payments.Contracts.Access;
using Payments.Simulator;
using Payments.Simulator.RuStore;
using Payments.Simulator.Xsolla;
using Payments.Testing;

namespace Payments.Console.Tests;

/// <summary>
/// The standalone host as a new user runs it, but configured as production would be: an <c>Auth</c> section with
/// an operator key (scope <c>console</c> only), the console's own key (the scopes the console uses, nothing more), a
/// game backend's key and a reader without <c>console</c>; and Debian's chromium driven by Playwright. One per
/// collection: the host starts in about 15 s.
/// </summary>
public class ConsoleSystem : IAsyncLifetime
{
    public static readonly byte[] RuStoreKey = Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    public const string XsollaSecret = "my_webhook_secret_key";

    public static readonly ApiCredentials Operator = ApiCredentials.Of("alice", "console-tests-operator-key-alice-000000001", Scopes.Console);

    /// <summary>What the console needs: read orders, archive, entitlements, deliveries, dead letters; resolve, replay, requeue.</summary>
    public static readonly ApiCredentials ConsoleService = ApiCredentials.Of(
        "console", "console-tests-console-service-key-0000001",
        Scopes.OrdersRead, Scopes.OrdersResolve, Scopes.EntitlementsRead, Scopes.ArchiveRead, Scopes.ArchiveReplay, Scopes.NotifierRead,
        Scopes.DeadLettersRead, Scopes.DeadLettersRequeue);

    public static readonly ApiCredentials Game = ApiCredentials.Of("game", "console-tests-game-backend-key-000000001", Scopes.OrdersWrite, Scopes.OrdersRead, Scopes.UsersWrite);

    /// <summary>A valid key without the scope <c>console</c>: it must not open the console.</summary>
    public static readonly ApiCredentials Reader = ApiCredentials.Of("reader", "console-tests-reader-key-without-console-01", Scopes.OrdersRead, Scopes.ArchiveRead);

    private readonly string _data = Directory.CreateTempSubdirectory("payments-console-").FullName;
    private ServiceProcess? _host;
    private IPlaywright? _playwright;

    public Uri Url => new(_host?.Url ?? throw new InvalidOperationException("The host is not started."));

    public string RecentOutput => _host?.RecentOutput ?? "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save their screenshots (README "Operator console" shows copies from docs/images).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(ServiceProcess.FindRepositoryRoot(), "artifacts", "console-screenshots");

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>(await TransportAsync())
        {
            ["ConnectionStrings__Orders"] = $"Data Source={Path.Combine(_data, "orders.db")}",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, "entitlements.db")}",
            ["ConnectionStrings__Archive"] = $"Data Source={Path.Combine(_data, "archive.db")}",
            ["ConnectionStrings__Notifier"] = $"Data Source={Path.Combine(_data, "notifier.db")}",
            ["Console__ApiKey"] = ConsoleService.Key,
        };
        foreach (var credentials in new[] { Operator, ConsoleService, Game, Reader })
        {
            foreach (var (key, value) in credentials.EnvironmentVariables)
            {
                environment[key] = value;
            }
        }

        foreach (var (key, value) in MoreSettings())
        {
            environment[key] = value;
        }

        _host = ServiceProcess.Start("standalone", ServiceProcess.HostDll("Payments.Standalone"), environment, $"http://127.0.0.1:{FreePort.Get()}");
        await _host.WaitUntilHealthyAsync();

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium (build/install-prerequisites.sh browser); Playwright's own download is not used.
            ExecutablePath = Environment.GetEnvironmentVariable("PAYMENTS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>The bus settings of the host: none, so the standalone's in-memory transport.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> TransportAsync() => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    protected virtual Task StopTransportAsync() => Task.CompletedTask;

    /// <summary>Settings of the host beyond the common ones (environment variables).</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings() => new Dictionary<string, string>();

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await StopTransportAsync();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>An Xsolla payment of a new invoice for <paramref name="userId"/>: the provider's details alone grant it.</summary>
    public async Task<string> PayWithXsollaAsync(string userId, string sku)
    {
        var invoice = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var purchase = new XsollaPurchase { InvoiceId = invoice, UserId = userId, Items = [new OrderItem { Sku = sku, Quantity = 1 }], Amount = 4.99m };
        await SendAsync(XsollaWebhooks.Webhook("demo", XsollaSecret, XsollaWebhooks.Payment, purchase), HttpStatusCode.NoContent);
        return invoice;
    }

    /// <summary>A RuStore order registered with <paramref name="registeredSku"/> and confirmed for <paramref name="paidSku"/>.</summary>
    public async Task PayWithRuStoreAsync(string orderId, string userId, string registeredSku, string paidSku)
    {
        await RegisterRuStoreOrderAsync(orderId, userId, registeredSku);
        var data = new RuStoreInvoiceStatus
        {
            InvoiceId = $"inv-{orderId}",
            OrderId = orderId,
            ProductCode = paidSku,
            StatusNew = "confirmed",
            StatusOld = RuStoreNotifications.PreviousStatus("confirmed"),
            ChangeStatusTime = "2026-12-08T10:00:00.000Z",
            PurchaseId = $"pur-{orderId}",
            PurchaseToken = "token",
        };
        await SendAsync(
            RuStoreNotifications.Notification("demo", RuStoreKey, RuStoreNotifications.InvoiceStatusPlaintext(data), $"n-{orderId}", DateTimeOffset.UtcNow),
            HttpStatusCode.OK);
    }

    /// <summary>The game backend registers RuStore order <paramref name="orderId"/> (account demo) for one <paramref name="sku"/>.</summary>
    public async Task RegisterRuStoreOrderAsync(string orderId, string userId, string sku)
    {
        using var game = Game.Client(Url);
        var placed = await game.PostAsJsonAsync("/orders", new
        {
            provider = "rustore",
            account = "demo",
            providerOrderId = orderId,
            userId,
            items = new[] { new { sku, quantity = 1 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
    }

    /// <summary>Polls an order (by provider order id) until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForOrderAsync(string provider, string providerOrderId, Func<JsonElement, bool> done, string what)
    {
        using var client = Game.Client(Url);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"/orders/{provider}/demo/{providerOrderId}");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && done(JsonDocument.Parse(last).RootElement))
            {
                return JsonDocument.Parse(last).RootElement.Clone();
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{what} never happened; last answer: {last}\n{RecentOutput}");
        throw new InvalidOperationException("unreachable");
    }

    private async Task SendAsync(ProviderRequest notification, HttpStatusCode expected)
    {
        using var http = new HttpClient();
        using var request = notification.ToHttpRequest(Url);
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{RecentOutput}");
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSystem>
{
    public const string Name = "console";
}
