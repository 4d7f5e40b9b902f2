using System.Net;
using System.Text.Json;
using Payments.Testing;

namespace Payments.Cli.Tests.Support;

/// <summary>
/// The standalone host as a process (in-memory transport, SQLite in a temp folder, the development secrets), once
/// for the collection: the CLI's defaults are meant for exactly this host.
/// </summary>
public sealed class StandaloneHost : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("payments-cli-").FullName;
    private ServiceProcess? _process;

    public string Url => _process?.Url ?? throw new InvalidOperationException("The standalone host is not started.");

    public string RecentOutput => _process?.RecentOutput ?? "";

    /// <summary>What the CLI reads from its environment: only the host's URL; every secret is the CLI's development default.</summary>
    public IReadOnlyDictionary<string, string> CliEnvironment => new Dictionary<string, string> { ["PAYMENTS_URL"] = Url };

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orders"] = $"Data Source={Path.Combine(_data, "orders.db")}",
            ["ConnectionStrings__Entitlements"] = $"Data Source={Path.Combine(_data, "entitlements.db")}",
            ["ConnectionStrings__Archive"] = $"Data Source={Path.Combine(_data, "archive.db")}",
            ["ConnectionStrings__Notifier"] = $"Data Source={Path.Combine(_data, "notifier.db")}",
        };
        _process = ServiceProcess.Start("standalone", ServiceProcess.HostDll("Payments.Standalone"), environment, $"http://127.0.0.1:{FreePort.Get()}");
        await _process.WaitUntilHealthyAsync();
        Assert.Contains("DEVELOPMENT SECRETS IN USE", _process.RecentOutput, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    public async Task<JsonElement?> GetJsonAsync(string path)
    {
        using var client = ApiCredentials.StandaloneDevelopment.Client(new Uri(Url));
        using var response = await client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds; fails with the host's output after 30 s.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetJsonAsync(path);
            if (last is { } body && done(body))
            {
                return body;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{what} never happened; last answer of {path}: {last}\n{RecentOutput}");
        throw new InvalidOperationException("unreachable");
    }
}

[CollectionDefinition(Name)]
public sealed class StandaloneCollection : ICollectionFixture<StandaloneHost>
{
    public const string Name = "standalone";
}
