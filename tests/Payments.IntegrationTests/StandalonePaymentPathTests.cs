using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Payments.Testing;

namespace Payments.IntegrationTests;

/// <summary>The same path through the embedded default: one process, in-memory transport, SQLite, development secrets.</summary>
public sealed partial class StandalonePaymentPathTests : IDisposable
{
    /// <summary>The development key documented in README.md (and the key of docs/providers/rustore.md#test-vectors).</summary>
    private static readonly byte[] DevelopmentKey = Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    private readonly string _data = Directory.CreateTempSubdirectory("payments-standalone-").FullName;

    [Fact]
    public async Task A_confirmed_RuStore_payment_grants_the_item_through_the_standalone_host()
    {
        var url = $"http://127.0.0.1:{FreePort.Get()}";
        await using var host = await StartStandaloneAsync(url);
        Assert.Contains("DEVELOPMENT SECRETS IN USE", host.RecentOutput, StringComparison.Ordinal);

        // Without an Auth section the host takes its published development key (README.md, Run it).
        var key = ApiCredentials.StandaloneDevelopment;
        await PaymentPath.PlaceOrderAsync(new Uri(url), "demo", "order-9", "user-9", "shield", key);
        var answer = await PaymentPath.SendRuStoreAsync(new Uri(url), "demo", DevelopmentKey, "order-9", "CONFIRMED", "shield");
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode}\n{host.RecentOutput}");

        await PaymentPath.WaitForEntitlementAsync(new Uri(url), "user-9", "shield", () => host.RecentOutput, key);
        PaymentPath.AssertPaidWithTimeline(await PaymentPath.GetOrderAsync(new Uri(url), "demo", "order-9", key), "user-9", "shield");
    }

    /// <summary>
    /// The start-up banner is the product's front door: the RuStore notification and the RoboKassa ResultURL it prints
    /// (built by the host itself, not by the test's simulator) must be what the host's own Ingress accepts.
    /// </summary>
    [Fact]
    public async Task The_commands_the_banner_prints_are_accepted_by_the_host_that_printed_them()
    {
        var url = $"http://127.0.0.1:{FreePort.Get()}";
        await using var host = await StartStandaloneAsync(url);
        var banner = host.RecentOutput;
        var rustoreBody = BannerRuStoreBody().Match(banner);
        var roboKassaQuery = BannerRoboKassaQuery().Match(banner);
        Assert.True(rustoreBody.Success && roboKassaQuery.Success, banner);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var rustore = await http.PostAsync(
            "/webhooks/rustore/demo", new StringContent(rustoreBody.Groups["body"].Value, Encoding.UTF8, "application/json"));
        Assert.True(rustore.StatusCode == HttpStatusCode.OK, $"{rustore.StatusCode}: {await rustore.Content.ReadAsStringAsync()}\n{host.RecentOutput}");

        // Ingress answers RoboKassa once the result is on the bus; whether it grants is the registration's business.
        using var roboKassa = await http.GetAsync($"/webhooks/robokassa/demo/result?{roboKassaQuery.Groups["query"].Value}");
        Assert.Equal("OK1002", await roboKassa.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"/webhooks/rustore/demo -H 'Content-Type: application/json' \\\s+-d '(?<body>\{[^']+\})'")]
    private static partial Regex BannerRuStoreBody();

    [GeneratedRegex(@"/webhooks/robokassa/demo/result\?(?<query>[^']+)'")]
    private static partial Regex BannerRoboKassaQuery();

    /// <summary>The standalone host on its embedded default (no Providers, no Auth section), its databases in a temporary folder.</summary>
    private async Task<ServiceProcess> StartStandaloneAsync(string url)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orders"] = $"Data Source={Path.Combine(_data, "orders.db")}",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, "entitlements.db")}",
            ["ConnectionStrings__Archive"] = $"Data Source={Path.Combine(_data, "archive.db")}",
            ["ConnectionStrings__Notifier"] = $"Data Source={Path.Combine(_data, "notifier.db")}",
        };
        var host = ServiceProcess.Start("standalone", ServiceProcess.HostDll("Payments.Standalone"), environment, url);
        try
        {
            await host.WaitUntilHealthyAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
