using Payments.Contracts.Access;
using Payments.Testing;

namespace Payments.IntegrationTests.Access;

/// <summary>Settings that would lock callers out or let strangers in stop the host at start, with the setting named.</summary>
public sealed class StartupRefusalTests
{
    [Theory]
    [InlineData("Auth__ApiKeys__game__Sha256", "not-a-digest", "Auth:ApiKeys:game:Sha256")]
    [InlineData("Auth__ApiKeys__game__Sha256", "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "Auth:ApiKeys:game:Sha256")]
    [InlineData("Auth__ApiKeys__game__Scopes__0", "orders:everything", "Auth:ApiKeys:game:Scopes")]
    [InlineData("Auth__Jwt__Authority", "http://login.example.com", "Auth:Jwt:Authority")]
    public async Task A_bad_access_setting_stops_the_start_and_names_the_setting(string variable, string value, string setting)
    {
        var environment = new Dictionary<string, string>
        {
            ["Auth__ApiKeys__game__Sha256"] = ApiKey.Sha256Hex(ApiKey.Generate()),
            ["Auth__ApiKeys__game__Scopes__0"] = Scopes.OrdersRead,
            ["Auth__Jwt__Audience"] = "payments-api",
            [variable] = value,
        };
        if (variable != "Auth__Jwt__Authority")
        {
            environment.Remove("Auth__Jwt__Audience");
        }

        var output = await RunUntilExitAsync("Payments.Orders.Host", environment, $"http://127.0.0.1:{FreePort.Get()}");
        Assert.Contains(setting, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://[::]:{0}")]
    public async Task The_standalone_host_with_development_secrets_refuses_a_public_address(string address)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, FreePort.Get());
        var output = await RunUntilExitAsync("Payments.Standalone", new Dictionary<string, string>(), url);
        Assert.Contains("Refusing to listen on", output, StringComparison.Ordinal);
        Assert.Contains("Standalone:AllowPublicDevelopmentSecrets", output, StringComparison.Ordinal);
    }

    /// <summary>Starts the host and waits for it to exit on its own (a refusal); fails if it keeps running.</summary>
    private static async Task<string> RunUntilExitAsync(string host, Dictionary<string, string> environment, string url)
    {
        var data = Directory.CreateTempSubdirectory("payments-refusal-").FullName;
        environment["Database__Provider"] = "Sqlite";
        environment["ConnectionStrings__Orders"] = $"Data Source={Path.Combine(data, "orders.db")}";
        environment["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(data, "entitlements.db")}";
        environment["ConnectionStrings__Archive"] = $"Data Source={Path.Combine(data, "archive.db")}";
        environment["ConnectionStrings__Notifier"] = $"Data Source={Path.Combine(data, "notifier.db")}";
        environment["Bus__Transport"] = "InMemory";
        try
        {
            await using var process = ServiceProcess.Start(host, ServiceProcess.HostDll(host), environment, url);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!process.HasExited)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{host} kept running:\n{process.RecentOutput}");
                await Task.Delay(100);
            }

            Assert.NotEqual(0, process.ExitCode);
            await Task.Delay(200); // the last lines of output
            return process.RecentOutput;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
