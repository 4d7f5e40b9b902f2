using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Payments.Cli.Output;

/// <summary>An order (<c>GET /orders/…</c>) and a user's items (<c>GET /users/{id}/entitlements</c>) as tables.</summary>
internal static class OrderPrinter
{
    public static void Order(CliContext context, JsonElement order)
    {
        var summary = new Table().Border(TableBorder.Rounded).Title("[bold]order[/]").HideHeaders().AddColumn("field").AddColumn("value");
        foreach (var field in new[] { "orderId", "provider", "account", "environment", "providerOrderId", "status", "userId", "amount", "paidAmount", "currency", "granted", "revoked", "awaitingDetails", "amountMismatch" })
        {
            if (order.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                summary.AddRow(Markup.Escape(field), Markup.Escape(Text(value)));
            }
        }

        if (order.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            summary.AddRow("items", Markup.Escape(string.Join(", ", items.EnumerateArray().Select(i => $"{Text(i, "sku")} × {Text(i, "quantity")}"))));
        }

        context.Console.Write(summary);

        var timeline = new Table().Border(TableBorder.Rounded).Title("[bold]timeline[/]")
            .AddColumn("at").AddColumn("event").AddColumn("source").AddColumn("applied").AddColumn("duplicates").AddColumn("reason");
        if (order.TryGetProperty("timeline", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                var applied = entry.TryGetProperty("applied", out var flag) && flag.ValueKind == JsonValueKind.True;
                timeline.AddRow(
                    Markup.Escape(Time(Text(entry, "at"))),
                    Markup.Escape(Text(entry, "event")),
                    Markup.Escape(Text(entry, "source")),
                    applied ? "[green]yes[/]" : "[yellow]no[/]",
                    entry.TryGetProperty("duplicates", out var duplicates) && duplicates.GetInt32() > 0 ? $"×{duplicates.GetInt32()}" : "",
                    Markup.Escape(Text(entry, "reason")));
            }
        }

        context.Console.Write(timeline);
        if (order.TryGetProperty("timelineFolded", out var folded) && folded.GetInt32() > 0)
        {
            context.Console.MarkupLine($"[yellow]{folded.GetInt32()} more entries that moved nothing were not kept (the timeline is full).[/]");
        }
    }

    public static void Items(CliContext context, string userId, JsonElement entitlements, Guid? highlightOrder = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]items of {Markup.Escape(userId)}[/]")
            .AddColumn("sku").AddColumn("quantity").AddColumn("orderId").AddColumn("grantedAt");
        var count = 0;
        if (entitlements.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                count++;
                var orderId = Text(item, "orderId");
                var mark = highlightOrder is { } highlight && string.Equals(orderId, highlight.ToString(), StringComparison.OrdinalIgnoreCase) ? "[bold]" : "[default]";
                table.AddRow(
                    $"{mark}{Markup.Escape(Text(item, "sku"))}[/]",
                    Markup.Escape(Text(item, "quantity")),
                    $"{mark}{Markup.Escape(orderId)}[/]",
                    Markup.Escape(Time(Text(item, "grantedAt"))));
            }
        }

        if (count == 0)
        {
            table.Caption("[grey]no active items[/]");
        }

        context.Console.Write(table);
    }

    public static void History(CliContext context, string userId, JsonElement history)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]grants of {Markup.Escape(userId)}[/]")
            .AddColumn("sku").AddColumn("quantity").AddColumn("provider").AddColumn("orderId").AddColumn("grantedAt").AddColumn("active").AddColumn("revokedAt").AddColumn("reason");
        if (history.TryGetProperty("grants", out var grants) && grants.ValueKind == JsonValueKind.Array)
        {
            foreach (var grant in grants.EnumerateArray())
            {
                var active = grant.TryGetProperty("active", out var flag) && flag.ValueKind == JsonValueKind.True;
                table.AddRow(
                    Markup.Escape(Text(grant, "sku")),
                    Markup.Escape(Text(grant, "quantity")),
                    Markup.Escape(Text(grant, "provider")),
                    Markup.Escape(Text(grant, "orderId")),
                    Markup.Escape(Time(Text(grant, "grantedAt"))),
                    active ? "[green]yes[/]" : "[red]revoked[/]",
                    Markup.Escape(Time(Text(grant, "revokedAt"))),
                    Markup.Escape(Text(grant, "revokeReason")));
            }
        }

        context.Console.Write(table);
    }

    /// <summary>UTC to the millisecond, so a timeline fits a terminal; text that is not a time is shown as it is.</summary>
    private static string Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : text;

    private static string Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Text(value) : "";

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };
}
