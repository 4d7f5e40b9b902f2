using Payments.Cli.Tests.Support;
using Payments.Testing;

namespace Payments.Cli.Tests.EndToEnd;

/// <summary><c>payments scenario</c>: whole lifecycles against the standalone host end as docs/lifecycle.md says.</summary>
[Collection(StandaloneCollection.Name)]
public sealed class ScenarioTests(StandaloneHost host)
{
    [Theory]
    [InlineData("rustore-pay", "paid")]
    [InlineData("rustore-hold", "paid")]
    [InlineData("rustore-cancel", "failed")]
    [InlineData("rustore-reversed", "reversed")]
    [InlineData("rustore-refund", "refunded")]
    [InlineData("rustore-duplicates", "paid")]
    [InlineData("reordered", "refunded")]
    [InlineData("xsolla-pay", "paid")]
    [InlineData("xsolla-refund", "refunded")]
    [InlineData("xsolla-duplicates", "paid")]
    [InlineData("robokassa-pay", "paid")]
    [InlineData("robokassa-duplicates", "paid")]
    public async Task Every_scenario_ends_as_it_must(string scenario, string status)
    {
        var user = $"scn-{scenario}";

        var result = await CliRunner.RunAsync(host.CliEnvironment, "scenario", scenario, "--user", user);

        Assert.True(result.ExitCode == 0, $"{result}\n{host.RecentOutput}");
        Assert.Contains($"✓ {scenario}: the order ended {status}", result.Output, StringComparison.Ordinal);
        Assert.Contains("timeline", result.Output, StringComparison.Ordinal);
        Assert.Contains($"items of {user}", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rustore-refund")]
    [InlineData("xsolla-pay")]
    [InlineData("robokassa-pay")]
    public async Task A_sandbox_scenario_plays_in_the_sandbox_and_grants_nothing_in_production(string scenario)
    {
        var user = $"scn-sandbox-{scenario}";

        var result = await CliRunner.RunAsync(host.CliEnvironment, "scenario", scenario, "--user", user, "--sandbox");

        Assert.True(result.ExitCode == 0, $"{result}\n{host.RecentOutput}");
        Assert.Contains("sandbox", result.Output, StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync($"/users/{user}/entitlements?environment=production"))!.Value.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Duplicates_are_recorded_in_the_timeline_and_granted_once()
    {
        var result = await CliRunner.RunAsync(host.CliEnvironment, "scenario", "rustore-duplicates", "--user", "scn-dup-check", "--order", "scn-dup-order");

        Assert.True(result.ExitCode == 0, result.ToString());
        var order = await host.GetJsonAsync("/orders/rustore/demo/scn-dup-order");
        var duplicates = order!.Value.GetProperty("timeline").EnumerateArray().Sum(e => e.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, duplicates);
        var items = await host.GetJsonAsync("/users/scn-dup-check/entitlements");
        Assert.Single(items!.Value.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_scenario_whose_order_cannot_end_as_expected_fails()
    {
        // RoboKassa reported 50.00 for the order before the game registered it for 100.00 (the scenario's amount):
        // the amount mismatch blocks the grant.
        var early = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "robokassa", "result", "--order", "909090", "--amount", "50.00", "--user", "scn-mismatch");
        Assert.True(early.ExitCode == 0, early.ToString());
        await host.WaitForAsync("/orders/robokassa/demo/909090", _ => true, "the early payment");
        var result = await CliRunner.RunAsync(host.CliEnvironment, "scenario", "robokassa-pay", "--order", "909090", "--user", "scn-mismatch", "--wait", "00:00:03");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ robokassa-pay: expected paid, granted", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_whose_registration_conflicts_stops_at_the_409()
    {
        using (var client = ApiCredentials.StandaloneDevelopment.Client(new Uri(host.Url)))
        {
            using var content = new StringContent(
                """{"provider":"robokassa","account":"demo","providerOrderId":"909091","userId":"scn-conflict","items":[{"sku":"sword","quantity":1}],"amount":"50.00"}""",
                System.Text.Encoding.UTF8, "application/json");
            Assert.True((await client.PostAsync("/orders", content)).IsSuccessStatusCode);
        }

        await host.WaitForAsync("/orders/robokassa/demo/909091", _ => true, "the registration");
        var result = await CliRunner.RunAsync(host.CliEnvironment, "scenario", "robokassa-pay", "--order", "909091", "--user", "scn-conflict", "--wait", "00:00:03");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("→ 409", result.Output, StringComparison.Ordinal);
        Assert.Contains("The host refused a step", result.Output, StringComparison.Ordinal);
    }
}
