using Payments.Cli.Tests.Support;
using Payments.Contracts.Access;

namespace Payments.Cli.Tests.EndToEnd;

/// <summary>The CLI sends its API key to the order, user and archive routes: the development key by default.</summary>
[Collection(StandaloneCollection.Name)]
public sealed class ApiKeyTests(StandaloneHost host)
{
    [Fact]
    public async Task The_standalone_development_key_is_the_default()
    {
        var result = await CliRunner.RunAsync(host.CliEnvironment, "user", "show", "cli-key-default");

        Assert.True(result.ExitCode == 0, $"{result}\n{host.RecentOutput}");
    }

    [Fact]
    public async Task A_key_the_host_does_not_know_is_answered_401_and_the_command_fails()
    {
        var environment = new Dictionary<string, string>(host.CliEnvironment) { ["PAYMENTS_API_KEY"] = ApiKey.Generate() };
        var result = await CliRunner.RunAsync(environment, "user", "show", "cli-key-unknown");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("401", result.Output, StringComparison.Ordinal);
        Assert.Contains("set PAYMENTS_API_KEY", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--api-key")]
    [InlineData("PAYMENTS_API_KEY")]
    public async Task A_key_too_short_is_refused_before_any_request_naming_the_setting(string where)
    {
        var environment = new Dictionary<string, string>(host.CliEnvironment);
        string[] args = ["order", "show", "rustore", "demo", "cli-key-short"];
        if (where == "--api-key")
        {
            args = [.. args, "--api-key", "too-short"];
        }
        else
        {
            environment["PAYMENTS_API_KEY"] = "too-short";
        }

        var result = await CliRunner.RunAsync(environment, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--api-key / PAYMENTS_API_KEY is 9 characters; an API key has at least 32", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("←", result.Output, StringComparison.Ordinal); // nothing was sent
    }
}
