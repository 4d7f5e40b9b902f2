using System.CommandLine;
using Payments.Cli.Http;
using Payments.Cli.Notifications;
using Payments.Cli.Scenarios;

namespace Payments.Cli.Commands;

/// <summary><c>scenario &lt;name&gt;</c>: play a whole order lifecycle against a host and show how the order ended.</summary>
internal static class ScenarioCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name")
        {
            HelpName = "name",
            Description = "The scenario:\n" + string.Join('\n', ScenarioCatalog.All.Select(s => $"  {s.Name,-21} {s.Description}")),
        };
        name.AcceptOnlyFromAmong(ScenarioCatalog.Names);
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var account = CommonOptions.Account();
        var order = CommonOptions.Order();
        var user = CommonOptions.User();
        var sku = CommonOptions.Sku();
        var amount = CommonOptions.Amount();
        var currency = CommonOptions.Currency();
        var sandbox = CommonOptions.Sandbox();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every provider request in full." };
        var wait = new Option<TimeSpan>("--wait")
        {
            Description = "How long to wait for the order and the items to end as they must before the scenario fails (e.g. 00:00:05).",
            DefaultValueFactory = _ => ScenarioRunner.DefaultOutcomeTimeout,
        };
        wait.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<TimeSpan>() <= TimeSpan.Zero)
            {
                result.AddError("--wait must be more than zero.");
            }
        });

        var command = new Command("scenario", "Play a whole order lifecycle (place → pay → refund, duplicates, reordering) against a host and show the resulting order and items. Secrets as for simulate (environment variables or the development secrets).")
        {
            name, url, apiKey, account, order, user, sku, amount, currency, sandbox, verbose, wait,
        };
        command.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            var scenario = ScenarioCatalog.Get(parse.GetValue(name)!);
            var settings = context.Settings;
            var purchase = new Purchase
            {
                Account = settings.Account(parse.GetValue(account)),
                Order = parse.GetValue(order) ?? SimulateCommand.NewOrderId(scenario.Provider),
                User = parse.GetValue(user)!,
                Sku = parse.GetValue(sku)!,
                Amount = parse.GetValue(amount)!,
                Currency = parse.GetValue(currency)!,
                Sandbox = parse.GetValue(sandbox),
            };
            using var api = PaymentsApi.Create(context, settings.Url(parse.GetValue(url)), settings.ApiKey(parse.GetValue(apiKey)));
            var runner = new ScenarioRunner(context, api, new NotificationFactory(settings, new NotificationOptions(), TimeProvider.System), parse.GetValue(verbose), parse.GetValue(wait));
            return await runner.RunAsync(scenario, purchase, cancellationToken);
        });
        return command;
    }
}
