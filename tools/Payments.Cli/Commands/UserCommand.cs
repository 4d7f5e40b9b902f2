using System.CommandLine;
using Payments.Cli.Http;
using Payments.Cli.Output;

namespace Payments.Cli.Commands;

/// <summary><c>user show &lt;userId&gt;</c>: a user's active items, or with <c>--history</c> every grant and its revocation.</summary>
internal static class UserCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Argument<string>("userId") { Description = "The game's user id." };
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var environment = CommonOptions.Environment();
        var history = new Option<bool>("--history") { Description = "Every grant with its revocation, instead of the active items." };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON instead of tables." };

        var show = new Command("show", "Show a user's items as the Entitlements service grants them.") { user, url, apiKey, environment, history, json };
        show.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            var userId = parse.GetValue(user)!;
            var withHistory = parse.GetValue(history);
            using var api = PaymentsApi.Create(context, context.Settings.Url(parse.GetValue(url)), context.Settings.ApiKey(parse.GetValue(apiKey)));
            var answer = await api.GetEntitlementsAsync(userId, parse.GetValue(environment)!, withHistory, cancellationToken);
            return OrderCommand.Print(context, answer, parse.GetValue(json), body =>
            {
                if (withHistory)
                {
                    OrderPrinter.History(context, userId, body);
                }
                else
                {
                    OrderPrinter.Items(context, userId, body);
                }
            });
        });

        return new Command("user", "Users' items as the Entitlements service keeps them.") { show };
    }
}
