using System.CommandLine;
using System.Net;
using Payments.Cli.Http;
using Payments.Cli.Output;
using Payments.Contracts;
using Spectre.Console;

namespace Payments.Cli.Commands;

/// <summary><c>order show &lt;provider&gt; &lt;account&gt; &lt;providerOrderId&gt;</c>: an order's status, facts and timeline.</summary>
internal static class OrderCommand
{
    public static Command Create(CliContext context)
    {
        var provider = new Argument<string>("provider") { Description = $"One of: {string.Join(", ", PaymentProviders.All)}." };
        provider.AcceptOnlyFromAmong([.. PaymentProviders.All]);
        var account = new Argument<string>("account") { Description = "The provider account name (e.g. demo)." };
        var order = new Argument<string>("providerOrderId") { Description = "RuStore order_id, Xsolla invoice id, RoboKassa InvId." };
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var environment = CommonOptions.Environment();
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON instead of tables." };

        var show = new Command("show", "Show an order: status, user, items, grant flags and the timeline of every event applied or ignored.")
        {
            provider, account, order, url, apiKey, environment, json,
        };
        show.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            using var api = PaymentsApi.Create(context, context.Settings.Url(parse.GetValue(url)), context.Settings.ApiKey(parse.GetValue(apiKey)));
            var answer = await api.GetOrderAsync(parse.GetValue(provider)!, parse.GetValue(account)!, parse.GetValue(order)!, parse.GetValue(environment)!, cancellationToken);
            return Print(context, answer, parse.GetValue(json), body => OrderPrinter.Order(context, body));
        });

        return new Command("order", "Orders as the Orders service keeps them.") { show };
    }

    /// <summary>Prints a JSON answer as tables (or raw); a 404 or an error is reported with the service's own detail.</summary>
    internal static int Print(CliContext context, HttpAnswer answer, bool raw, Action<System.Text.Json.JsonElement> tables)
    {
        if (!answer.IsSuccess)
        {
            var what = answer.Status == HttpStatusCode.NotFound ? "not found" : answer.ToString();
            context.Console.MarkupLine($"[red]{Markup.Escape(what)}[/]");
            context.Out.WriteLine(answer.Body);
            ExchangePrinter.CredentialHint(context, answer);
            return Guarded.Failed;
        }

        if (raw)
        {
            context.Out.WriteLine(answer.Body);
        }
        else
        {
            tables(answer.Json());
        }

        return Guarded.Ok;
    }
}
