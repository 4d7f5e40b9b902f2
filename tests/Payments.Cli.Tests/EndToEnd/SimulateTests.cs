using System.Text.Json;
using Payments.Cli.Tests.Support;
using Payments.Testing;

namespace Payments.Cli.Tests.EndToEnd;

/// <summary><c>payments simulate</c> against the real Ingress of the standalone host, with the CLI's default secrets.</summary>
[Collection(StandaloneCollection.Name)]
public sealed class SimulateTests(StandaloneHost host)
{
    [Theory]
    [InlineData("executed")]
    [InlineData("paid")]
    [InlineData("confirmed")]
    [InlineData("cancelled")]
    [InlineData("rejected")]
    [InlineData("expired")]
    [InlineData("reversed")]
    [InlineData("refunded")]
    [InlineData("test")]
    public async Task Every_RuStore_event_is_decrypted_and_accepted_with_200(string @event)
    {
        var result = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "rustore", @event, "--order", $"sim-rs-{@event}");

        Assert.True(result.ExitCode == 0, $"{result}\n{host.RecentOutput}");
        Assert.Contains("← 200 OK", result.Output, StringComparison.Ordinal);
        Assert.Contains("payload before encryption:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_RuStore_payment_with_a_fixed_IV_is_accepted_as_a_sandbox_order()
    {
        var result = await CliRunner.RunAsync(
            host.CliEnvironment, "simulate", "rustore", "confirmed", "--order", "sim-rs-sandbox", "--sandbox", "--iv", "101112131415161718191a1b", "--notification-id", "n-42");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"payload\":\"EBESExQVFhcYGRob", result.Output, StringComparison.Ordinal);
        var order = await host.WaitForAsync("/orders/rustore/demo/sim-rs-sandbox?environment=sandbox", _ => true, "the sandbox order");
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Null(await host.GetJsonAsync("/orders/rustore/demo/sim-rs-sandbox?environment=production"));
    }

    [Theory]
    [InlineData("payment")]
    [InlineData("order_paid")]
    [InlineData("refund")]
    [InlineData("partial_refund")]
    [InlineData("order_canceled")]
    public async Task Every_Xsolla_webhook_is_verified_and_accepted_with_204(string @event)
    {
        var result = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "xsolla", @event, "--order", "700100", "--user", "sim-xs");

        Assert.True(result.ExitCode == 0, $"{result}\n{host.RecentOutput}");
        Assert.Contains("← 204 NoContent", result.Output, StringComparison.Ordinal);
        Assert.Contains("Authorization: Signature ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Xsolla_user_check_passes_for_a_known_user_and_is_refused_for_an_unknown_one()
    {
        using (var client = ApiCredentials.StandaloneDevelopment.Client(new Uri(host.Url)))
        {
            Assert.True((await client.PutAsync("/users/sim-known", null)).IsSuccessStatusCode);
        }

        var known = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "xsolla", "user_validation", "--user", "sim-known");
        var unknown = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "xsolla", "user_validation", "--user", "sim-nobody");

        Assert.True(known.ExitCode == 0, known.ToString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("INVALID_USER", unknown.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MD5", false, false)]
    [InlineData("MD5", true, false)]
    [InlineData("MD5", false, true)]
    public async Task The_RoboKassa_result_call_is_verified_and_answered_OK_InvId(string algorithm, bool useGet, bool sandbox)
    {
        var invId = $"{(useGet ? 81 : 82)}{(sandbox ? 1 : 0)}";
        string[] args = ["simulate", "robokassa", "result", "--order", invId, "--algorithm", algorithm, .. useGet ? ["--get"] : Array.Empty<string>(), .. sandbox ? ["--sandbox"] : Array.Empty<string>()];

        var result = await CliRunner.RunAsync(host.CliEnvironment, args);

        Assert.True(result.ExitCode == 0, $"{result}\n{host.RecentOutput}");
        Assert.Contains($"  OK{invId}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_register_the_order_is_placed_first_and_the_payment_grants_the_item()
    {
        var result = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "rustore", "confirmed", "--order", "sim-register", "--user", "sim-user-register", "--sku", "shield", "--register");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("← 202 Accepted", result.Output, StringComparison.Ordinal);
        await host.WaitForAsync(
            "/users/sim-user-register/entitlements", body => body.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("sku").GetString() == "shield"), "the grant");
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_Ingress_and_the_CLI_exits_1()
    {
        var xsolla = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "xsolla", "payment", "--secret", "not-the-secret");
        var env = new Dictionary<string, string>(host.CliEnvironment) { ["PAYMENTS_RUSTORE_KEY"] = Convert.ToBase64String(new byte[32]) };
        var rustore = await CliRunner.RunAsync(env, "simulate", "rustore", "confirmed");
        var robokassa = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "robokassa", "result", "--algorithm", "SHA256");

        Assert.Equal(1, xsolla.ExitCode);
        Assert.Contains("INVALID_SIGNATURE", xsolla.Output, StringComparison.Ordinal);
        Assert.Equal(1, rustore.ExitCode);
        Assert.Contains("decryption_failed", rustore.Output, StringComparison.Ordinal);
        Assert.Equal(1, robokassa.ExitCode);
        Assert.DoesNotContain("  OK", robokassa.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_show_and_user_show_print_the_timeline_and_the_items()
    {
        await CliRunner.RunAsync(host.CliEnvironment, "simulate", "rustore", "confirmed", "--order", "sim-show", "--user", "sim-show-user", "--register");
        await host.WaitForAsync("/orders/rustore/demo/sim-show", order => order.GetProperty("granted").GetBoolean(), "the grant");

        var order = await CliRunner.RunAsync(host.CliEnvironment, "order", "show", "rustore", "demo", "sim-show");
        var json = await CliRunner.RunAsync(host.CliEnvironment, "order", "show", "rustore", "demo", "sim-show", "--json");
        var user = await CliRunner.RunAsync(host.CliEnvironment, "user", "show", "sim-show-user");
        var history = await CliRunner.RunAsync(host.CliEnvironment, "user", "show", "sim-show-user", "--history");
        var missing = await CliRunner.RunAsync(host.CliEnvironment, "order", "show", "rustore", "demo", "sim-never");

        Assert.True(order.ExitCode == 0, order.ToString());
        foreach (var text in new[] { "timeline", "order.placed", "payment.succeeded", "order.granted", "rustore:inv-sim-show:confirmed" })
        {
            Assert.Contains(text, order.Output, StringComparison.Ordinal);
        }

        Assert.Equal("paid", JsonDocument.Parse(json.Output).RootElement.GetProperty("status").GetString());
        Assert.True(user.ExitCode == 0, user.ToString());
        Assert.Contains("items of sim-show-user", user.Output, StringComparison.Ordinal);
        Assert.Contains("sword", user.Output, StringComparison.Ordinal);
        Assert.Contains("grants of sim-show-user", history.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("not found", missing.Output, StringComparison.Ordinal);
    }
}
