namespace Payments.Console.Tests;

/// <summary>
/// Support's question, asked in a real browser against the standalone host: sign in, find a player's paid order,
/// see why it was granted and the notifications behind it, reveal personal data, replay a notification, settle a
/// blocked order. Every page visited must be free of console errors and broken links; each step saves a
/// screenshot (artifacts/console-screenshots).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleSystem system)
{
    [Fact]
    public async Task A_key_without_the_console_scope_is_refused_and_the_operator_key_signs_in_and_out()
    {
        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.SignInAsync(ConsoleSystem.Reader.Key);
        Assert.Contains("/console/sign-in", browser.Page.Url, StringComparison.Ordinal);
        Assert.Contains("not accepted", await browser.Page.GetByTestId("sign-in-error").InnerTextAsync(), StringComparison.Ordinal);

        await browser.Page.FillAsync("#apiKey", ConsoleSystem.Operator.Key);
        await browser.ClickAsync("button[type=submit]");
        Assert.Equal("alice", await browser.Page.GetByTestId("operator").InnerTextAsync());
        await browser.ScreenshotAsync("overview");
        browser.AssertClean();

        await browser.ClickAsync("text=Sign out");
        await browser.Page.GotoAsync("/console/find");
        Assert.Contains("/console/sign-in", browser.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_finds_a_players_paid_order_sees_why_it_was_granted_and_the_notification_behind_it()
    {
        var player = $"player-{Guid.NewGuid():N}"[..20];
        var invoice = await system.PayWithXsollaAsync(player, "sword");
        await system.WaitForOrderAsync("xsolla", invoice, o => o.GetProperty("granted").GetBoolean(), "the grant");

        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.SignInAsync(ConsoleSystem.Operator.Key);
        await browser.GotoAsync("/console/find");
        await browser.Page.FillAsync("[data-testid=query]", player);
        await browser.ClickAsync("button:has-text('Search')");
        await browser.ScreenshotAsync("find-by-player");
        var row = browser.Page.GetByTestId("orders").Locator("tbody tr");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("user id", await row.InnerTextAsync(), StringComparison.Ordinal);

        await browser.ClickAsync($"[data-testid=orders] a:text-is('{invoice}')");
        Assert.StartsWith("Granted", await browser.Page.GetByTestId("why").InnerTextAsync(), StringComparison.Ordinal);
        var timeline = await browser.Page.GetByTestId("timeline").InnerTextAsync();
        Assert.Contains("payment.succeeded", timeline, StringComparison.Ordinal);
        Assert.Contains("applied", timeline, StringComparison.Ordinal);

        // The buyer's e-mail is in the archived notification, masked until an operator reveals it.
        var message = await browser.Page.GetByTestId("message").First.TextContentAsync() ?? "";
        Assert.Contains(invoice, message, StringComparison.Ordinal);
        Assert.DoesNotContain($"{player}@example.com", message, StringComparison.Ordinal);
        await browser.ScreenshotAsync("order-granted");
        await browser.ClickAsync("button:has-text('Reveal personal data')");
        Assert.Contains($"{player}@example.com", await browser.Page.GetByTestId("message").First.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("revealed the personal data of archived notification", system.RecentOutput, StringComparison.Ordinal);

        // The player's page: the item, active.
        await browser.ClickAsync("[data-testid=player]");
        Assert.Contains("sword", await browser.Page.GetByTestId("totals").InnerTextAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("player");
        browser.AssertClean();
    }

    [Fact]
    public async Task A_replayed_notification_is_counted_as_a_repeat_in_the_timeline()
    {
        var player = $"player-{Guid.NewGuid():N}"[..20];
        var invoice = await system.PayWithXsollaAsync(player, "shield");
        var order = await system.WaitForOrderAsync("xsolla", invoice, o => o.GetProperty("granted").GetBoolean(), "the grant");

        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.SignInAsync(ConsoleSystem.Operator.Key);
        await browser.GotoAsync($"/console/orders/{order.GetProperty("orderId").GetGuid()}");
        await browser.ClickAsync("a:has-text('Replay')");
        Assert.Contains("Replay the archived notification", await browser.Page.GetByTestId("confirm").InnerTextAsync(), StringComparison.Ordinal);
        await browser.ClickAsync("[data-testid=confirm-button]");
        Assert.Contains("published again", await browser.Page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        await browser.WaitForTextAsync("timeline", "1 (last");
        await browser.ScreenshotAsync("order-replayed");
        await system.WaitForOrderAsync(
            "xsolla", invoice, o => o.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("duplicates").GetInt32() == 1), "the repeat");
        Assert.Contains("Operator alice asked replay", system.RecentOutput, StringComparison.Ordinal);
        browser.AssertClean();
    }

    [Fact]
    public async Task A_blocked_order_is_settled_from_the_page_after_a_confirmation_and_the_timeline_names_the_operator()
    {
        var orderId = $"blocked-{Guid.NewGuid():N}"[..24];
        var player = $"player-{Guid.NewGuid():N}"[..20];
        await system.PayWithRuStoreAsync(orderId, player, registeredSku: "sword", paidSku: "shield");
        var order = await system.WaitForOrderAsync("rustore", orderId, o => o.GetProperty("blocked").GetBoolean(), "the block");

        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.SignInAsync(ConsoleSystem.Operator.Key);
        await browser.GotoAsync("/console/find?blocked=true");
        await browser.ClickAsync($"a:has-text('{orderId}')");
        Assert.Contains("blocked because the items the provider reports", await browser.Page.GetByTestId("why").InnerTextAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("order-blocked");

        await browser.ClickAsync("a:has-text('Grant as registered')");
        Assert.Contains($"The player {player} gets the registered items: sword × 1", await browser.Page.GetByTestId("confirm").InnerTextAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("confirm-resolve");
        await browser.ClickAsync("[data-testid=confirm-button]");
        await browser.WaitForTextAsync("why", "Granted after an operator settled it (grant-as-registered)");
        Assert.Contains("grant-as-registered (asked by console for alice)", await browser.Page.GetByTestId("timeline").InnerTextAsync(), StringComparison.Ordinal);

        var settled = await system.WaitForOrderAsync("rustore", orderId, o => o.GetProperty("granted").GetBoolean(), "the grant");
        Assert.Equal(order.GetProperty("orderId").GetGuid(), settled.GetProperty("orderId").GetGuid());
        browser.AssertClean();
    }
}
