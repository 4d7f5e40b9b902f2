using System.Diagnostics;
using System.Text.Json;
using Payments.Cli.Commands;
using Payments.Cli.Http;
using Payments.Cli.Notifications;
using Payments.Cli.Output;
using Spectre.Console;

namespace Payments.Cli.Scenarios;

/// <summary>
/// Plays a scenario step by step: each step is sent, then the runner waits until the order's timeline shows it
/// (the host works asynchronously, and the point of the scenario is the order the events arrive in), and at the
/// end waits for the expected outcome and shows the order and the user's items.
/// </summary>
internal sealed class ScenarioRunner(CliContext context, PaymentsApi api, NotificationFactory notifications, bool verbose, TimeSpan outcomeTimeout)
{
    /// <summary>How long the order and the items may take to end as they must (<c>--wait</c>).</summary>
    public static readonly TimeSpan DefaultOutcomeTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<int> RunAsync(Scenario scenario, Purchase purchase, CancellationToken cancellationToken)
    {
        context.Console.MarkupLine($"[bold]{Markup.Escape(scenario.Name)}[/]: {Markup.Escape(scenario.Description)}");
        context.Console.MarkupLine(
            $"[grey]{scenario.Provider} account {Markup.Escape(purchase.Account)}, order {Markup.Escape(purchase.Order)}, user {Markup.Escape(purchase.User)}, {Markup.Escape(purchase.Sku)} × {purchase.Quantity}, {purchase.Environment}[/]");

        var number = 0;
        foreach (var step in scenario.Steps)
        {
            for (var time = 0; time < step.Times; time++)
            {
                number++;
                var before = await SnapshotAsync(scenario, purchase, cancellationToken);
                if (!await SendAsync(number, scenario, step, purchase, cancellationToken))
                {
                    context.Console.MarkupLine("[red]The host refused a step; the scenario stops here.[/]");
                    return Guarded.Failed;
                }

                await WaitAsync(() => SnapshotAsync(scenario, purchase, cancellationToken), s => s.TimelineLength > before.TimelineLength, StepTimeout, cancellationToken);
            }
        }

        var expected = scenario.Expected;
        var (order, items) = await context.Console.Status().StartAsync($"waiting for the order to be {expected}", async _ =>
        {
            var stopwatch = Stopwatch.StartNew();
            while (true)
            {
                var snapshot = (Order: await SnapshotAsync(scenario, purchase, cancellationToken), Items: await ItemsAsync(purchase, cancellationToken));
                if (Matches(snapshot.Order, snapshot.Items, expected) || stopwatch.Elapsed > outcomeTimeout)
                {
                    return snapshot;
                }

                await Task.Delay(Poll, cancellationToken);
            }
        });

        if (order.Order is { } view)
        {
            OrderPrinter.Order(context, view);
        }

        OrderPrinter.Items(context, purchase.User, items, order.OrderId);
        if (Matches(order, items, expected))
        {
            context.Console.MarkupLine($"[green]✓ {Markup.Escape(scenario.Name)}: the order ended {Markup.Escape(expected.ToString())}, as it must.[/]");
            return Guarded.Ok;
        }

        context.Console.MarkupLine(
            $"[red]✗ {Markup.Escape(scenario.Name)}: expected {Markup.Escape(expected.ToString())}; the order is {Markup.Escape(order.Status ?? "absent")}, granted {order.Granted}, revoked {order.Revoked}, active items {ActiveItems(items, order.OrderId)}.[/]");
        return Guarded.Failed;
    }

    private static bool Matches(OrderSnapshot order, JsonElement items, ScenarioOutcome expected) =>
        order.Status == expected.Status && order.Granted == expected.Granted && order.Revoked == expected.Revoked
        && ActiveItems(items, order.OrderId) == expected.ActiveItems;

    private static int ActiveItems(JsonElement items, Guid? orderId) =>
        orderId is { } id && items.ValueKind == JsonValueKind.Object && items.TryGetProperty("items", out var list)
            ? list.EnumerateArray().Count(i => i.TryGetProperty("orderId", out var o) && o.GetGuid() == id)
            : 0;

    private async Task<bool> SendAsync(int number, Scenario scenario, ScenarioStep step, Purchase purchase, CancellationToken cancellationToken)
    {
        HttpAnswer answer;
        string what;
        if (step.IsPlace)
        {
            what = "POST /orders";
            answer = await api.PlaceOrderAsync(scenario.Provider, purchase, cancellationToken);
        }
        else
        {
            var notification = notifications.Build(scenario.Provider, step.Event!, purchase);
            what = $"{notification.Request.Method} {notification.Request.PathAndQuery.Split('?')[0]} ({step.Event})";
            if (verbose)
            {
                ExchangePrinter.Request(context, api.BaseAddress, notification.Request, notification.Plaintext);
            }

            answer = await api.SendAsync(notification.Request, cancellationToken);
        }

        var colour = answer.IsSuccess ? "green" : "red";
        var body = answer.Body.Length is > 0 and <= 80 ? $" {answer.Body}" : "";
        context.Console.MarkupLine($"{number,2}. {Markup.Escape(what)} → [{colour}]{(int)answer.Status}{Markup.Escape(body)}[/]");
        if (!answer.IsSuccess && answer.Body.Length > 80)
        {
            context.Out.WriteLine($"    {answer.Body}");
        }

        return answer.IsSuccess;
    }

    private async Task<OrderSnapshot> SnapshotAsync(Scenario scenario, Purchase purchase, CancellationToken cancellationToken) =>
        OrderSnapshot.From(await api.GetOrderAsync(scenario.Provider, purchase.Account, purchase.Order, purchase.Environment, cancellationToken));

    private async Task<JsonElement> ItemsAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        var answer = await api.GetEntitlementsAsync(purchase.User, purchase.Environment, history: false, cancellationToken);
        return answer.IsSuccess ? answer.Json() : default;
    }

    private static async Task WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!done(await probe()) && stopwatch.Elapsed < timeout)
        {
            await Task.Delay(Poll, cancellationToken);
        }
    }
}
