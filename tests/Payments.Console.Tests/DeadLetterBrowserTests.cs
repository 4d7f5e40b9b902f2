using Payments.Testing;

namespace Payments.Console.Tests;

/// <summary>
/// A dead letter moved back from the page: the standalone host on RabbitMQ, an OrderPaid that Entitlements failed to
/// consume sitting in <c>order-paid_error</c>; the operator finds it, inspects it, selects it, confirms, and the
/// player gets the item.
/// </summary>
[Collection(BrokerConsoleCollection.Name)]
[Trait(Needs.Trait, Needs.RabbitMq)]
public sealed class DeadLetterBrowserTests(BrokerConsoleSystem system)
{
    [Fact]
    public async Task An_operator_inspects_a_dead_letter_and_moves_it_back_and_the_player_gets_the_item()
    {
        var player = $"player-{Guid.NewGuid():N}"[..20];
        var (orderId, messageId) = await system.DeadLetterOrderPaidAsync(player, "bow");

        await using var browser = await ConsoleBrowser.OpenAsync(system);
        await browser.SignInAsync(ConsoleSystem.Operator.Key);
        await browser.WaitForTextAsync("dead-letter-count", "1");
        await browser.ClickAsync("a:has-text('order-paid_error')");
        var row = browser.Page.GetByTestId("dead-letters").Locator("tbody tr");
        Assert.Equal(1, await row.CountAsync());
        var text = await row.InnerTextAsync();
        Assert.Contains(messageId.ToString(), text, StringComparison.Ordinal);
        Assert.Contains("OrderPaid", text, StringComparison.Ordinal);
        Assert.Contains("database is locked", text, StringComparison.Ordinal);
        Assert.Contains(orderId.ToString(), text, StringComparison.Ordinal);
        await browser.ScreenshotAsync("dead-letters");

        await browser.ClickAsync($"a:has-text('{messageId}')");
        Assert.Contains("OrderPaidConsumer", await browser.Page.GetByTestId("dead-letter").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(player, await browser.Page.GetByTestId("body").InnerTextAsync(), StringComparison.Ordinal);
        await browser.Page.GoBackAsync();

        await browser.Page.CheckAsync($"input[value='{messageId}']");
        await browser.ClickAsync("[data-testid=requeue]");
        Assert.Contains("Move 1 message(s) from order-paid_error back to order-paid?", await browser.Page.GetByTestId("confirm").InnerTextAsync(), StringComparison.Ordinal);
        await browser.ClickAsync("[data-testid=confirm-button]");
        Assert.Contains("1 message(s) moved back", await browser.Page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await browser.Page.GetByTestId("empty-queue").CountAsync());
        Assert.Contains("Operator alice asked requeue on 1 message(s) of order-paid_error: 1 moved", system.RecentOutput, StringComparison.Ordinal);

        await browser.GotoAsync($"/console/players/{player}");
        await browser.WaitForTextAsync("totals", "bow");
        browser.AssertClean();
    }
}
