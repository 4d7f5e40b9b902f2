using Payments.Testing;

namespace Payments.InfrastructureTests;

public sealed class ServiceProcessTests
{
    [Fact]
    public async Task A_host_that_exits_fails_the_health_wait_with_its_output()
    {
        // A class library is no host: 'dotnet <library>.dll' exits at once with an error.
        var library = typeof(ServiceProcess).Assembly.Location;
        await using var service = ServiceProcess.Start(
            "not-a-host", library, new Dictionary<string, string> { ["PAYMENTS_TEST_MARKER"] = "1" }, $"http://127.0.0.1:{FreePort.Get()}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.WaitUntilHealthyAsync(timeout: TimeSpan.FromSeconds(30)));

        Assert.True(service.HasExited);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("not-a-host exited with", error.Message, StringComparison.Ordinal);
        Assert.Contains(service.RecentOutput.Trim(), error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(service.RecentOutput));
    }

    [Fact]
    public void HostDll_follows_the_artifacts_layout()
    {
        // Only meaningful once the solution file exists (the repository root is found through it).
        string root;
        try
        {
            root = ServiceProcess.FindRepositoryRoot();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        Assert.True(File.Exists(Path.Combine(root, "Payments.Microservices.sln")));
        Assert.Equal(
            Path.Combine(root, "artifacts", "bin", "Payments.Testing", "debug", "Payments.Testing.dll"),
            ServiceProcess.HostDll("Payments.Testing"));
        Assert.True(File.Exists(ServiceProcess.HostDll("Payments.Testing")));
    }
}
