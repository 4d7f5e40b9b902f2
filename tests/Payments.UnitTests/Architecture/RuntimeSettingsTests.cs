using System.Text.Json;
using Payments.Testing;

namespace Payments.UnitTests.Architecture;

/// <summary>
/// The runtime settings every service process runs with (services/Directory.Build.props; README, "Performance"),
/// read from the runtimeconfig.json the build wrote next to each host — what the runtime actually reads at start.
/// </summary>
public sealed class RuntimeSettingsTests
{
    public static TheoryData<string> Hosts => new()
    {
        "Payments.Ingress.Host",
        "Payments.Normalizer.Host",
        "Payments.Orders.Host",
        "Payments.Entitlements.Host",
        "Payments.Archive.Host",
        "Payments.Standalone",
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_service_process_runs_without_spinning_pool_threads_and_without_tiered_PGO(string host)
    {
        var path = Path.ChangeExtension(ServiceProcess.HostDll(host), ".runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first (./test.sh does)");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var settings = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, settings.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
