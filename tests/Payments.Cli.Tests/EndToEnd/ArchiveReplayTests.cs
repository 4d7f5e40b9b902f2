using System.Text.Json;
using Payments.Cli.Tests.Support;

namespace Payments.Cli.Tests.EndToEnd;

/// <summary>
/// <c>payments replay archived</c> through the standalone host: an already applied notification replayed from the
/// archive reaches the order again under its original MessageId, is recorded as a duplicate, and grants nothing new.
/// </summary>
[Collection(StandaloneCollection.Name)]
public sealed class ArchiveReplayTests(StandaloneHost host)
{
    [Fact]
    public async Task Replaying_an_applied_payment_records_a_duplicate_and_leaves_the_entitlements_unchanged()
    {
        var paid = await CliRunner.RunAsync(host.CliEnvironment, "simulate", "rustore", "confirmed", "--order", "arc-1", "--user", "arc-user", "--sku", "helmet", "--register");
        Assert.True(paid.ExitCode == 0, paid.ToString());
        await host.WaitForAsync("/orders/rustore/demo/arc-1", order => order.GetProperty("granted").GetBoolean(), "the grant");
        var archived = await host.WaitForAsync(
            "/archive/rustore?account=demo&order=arc-1", list => list.GetProperty("notifications").GetArrayLength() == 1, "the archived notification");
        var messageId = archived.GetProperty("notifications")[0].GetProperty("messageId").GetGuid();
        var grantsBefore = await GrantsAsync("arc-user");

        var replay = await CliRunner.RunAsync(host.CliEnvironment, "replay", "archived", messageId.ToString());

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("← 202 Accepted", replay.Output, StringComparison.Ordinal);
        var order = await host.WaitForAsync(
            "/orders/rustore/demo/arc-1",
            o => o.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("event").GetString() == "payment.succeeded" && e.GetProperty("duplicates").GetInt32() == 1),
            "the replay recorded as a duplicate");
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Single(order.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "order.granted");

        // Let the re-emitted OrderPaid reach Entitlements, then compare: still one grant, same time, active.
        await Task.Delay(1000);
        Assert.Equal(grantsBefore, await GrantsAsync("arc-user"));
        var items = (await host.GetJsonAsync("/users/arc-user/entitlements"))!.Value.GetProperty("items");
        Assert.Equal(["helmet"], items.EnumerateArray().Select(i => i.GetProperty("sku").GetString()));

        var stillOne = (await host.GetJsonAsync("/archive/rustore?account=demo&order=arc-1"))!.Value;
        Assert.Equal(messageId, Assert.Single(stillOne.GetProperty("notifications").EnumerateArray()).GetProperty("messageId").GetGuid());
    }

    [Fact]
    public async Task Replaying_an_unknown_message_says_so_and_exits_1()
    {
        var result = await CliRunner.RunAsync(host.CliEnvironment, "replay", "archived", Guid.NewGuid().ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("← 404", result.Output, StringComparison.Ordinal);
    }

    private async Task<string> GrantsAsync(string user)
    {
        var history = (await host.GetJsonAsync($"/users/{user}/entitlements/history"))!.Value;
        return JsonSerializer.Serialize(history.GetProperty("grants"));
    }
}
