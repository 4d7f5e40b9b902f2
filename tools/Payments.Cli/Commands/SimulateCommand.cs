using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Payments.Cli.Http;
using Payments.Cli.Notifications;
using Payments.Cli.Output;
using Payments.Contracts;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.RuStore;
using Payments.Simulator.Xsolla;

namespace Payments.Cli.Commands;

/// <summary><c>simulate rustore|xsolla|robokassa &lt;event&gt;</c>: send one provider notification, as the provider would.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("simulate", "Send one provider notification, encrypted or signed with the configured secrets (default: the standalone host's development secrets).");
        command.Add(Provider(context, PaymentProviders.RuStore, NotificationFactory.RuStoreEvents, "RuStore invoice status (AES-256-GCM encrypted payload) or console test event."));
        command.Add(Provider(context, PaymentProviders.Xsolla, [.. XsollaWebhooks.Types], "Xsolla webhook signed with Authorization: Signature sha1(body + secret)."));
        command.Add(Provider(context, PaymentProviders.RoboKassa, ["result"], "RoboKassa ResultURL call signed with OutSum:InvId:Password#2[:Shp_user=…]."));
        return command;
    }

    /// <summary>A new order id in the style of the provider: RuStore's is the game's own text id, Xsolla's and RoboKassa's are numbers.</summary>
    public static string NewOrderId(string provider) =>
        provider == PaymentProviders.RuStore
            ? $"cli-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}"
            : RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);

    private static Command Provider(CliContext context, string provider, string[] events, string description)
    {
        var eventArgument = new Argument<string>("event") { Description = $"One of: {string.Join(", ", events)}." };
        eventArgument.AcceptOnlyFromAmong(events);
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var account = CommonOptions.Account();
        var order = CommonOptions.Order();
        var user = CommonOptions.User();
        var sku = CommonOptions.Sku();
        var quantity = CommonOptions.Quantity();
        var amount = CommonOptions.Amount();
        var currency = CommonOptions.Currency();
        var sandbox = CommonOptions.Sandbox();
        var register = CommonOptions.Register();

        var command = new Command(provider, description) { eventArgument, url, apiKey, account, order, user, sku, quantity, amount, currency, sandbox, register };
        Func<ParseResult, NotificationOptions> providerOptions = provider switch
        {
            PaymentProviders.RuStore => RuStoreOptions(command),
            PaymentProviders.Xsolla => XsollaOptions(command),
            _ => RoboKassaOptions(command),
        };

        command.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            var settings = context.Settings;
            var purchase = new Purchase
            {
                Account = settings.Account(parse.GetValue(account)),
                Order = parse.GetValue(order) ?? NewOrderId(provider),
                User = parse.GetValue(user)!,
                Sku = parse.GetValue(sku)!,
                Quantity = parse.GetValue(quantity),
                Amount = parse.GetValue(amount)!,
                Currency = parse.GetValue(currency)!,
                Sandbox = parse.GetValue(sandbox),
            };
            var notification = new NotificationFactory(settings, providerOptions(parse), TimeProvider.System)
                .Build(provider, parse.GetValue(eventArgument)!, purchase);

            using var api = PaymentsApi.Create(context, settings.Url(parse.GetValue(url)), settings.ApiKey(parse.GetValue(apiKey)));
            if (parse.GetValue(register) && !await RegisterAsync(context, api, provider, purchase, cancellationToken))
            {
                return Guarded.Failed;
            }

            ExchangePrinter.Request(context, api.BaseAddress, notification.Request, notification.Plaintext);
            var answer = await api.SendAsync(notification.Request, cancellationToken);
            ExchangePrinter.Answer(context, answer);
            context.Out.WriteLine($"Follow the order: payments order show {provider} {purchase.Account} {purchase.Order} --environment {purchase.Environment}");
            return answer.IsSuccess ? Guarded.Ok : Guarded.Failed;
        });
        return command;
    }

    internal static async Task<bool> RegisterAsync(CliContext context, PaymentsApi api, string provider, Purchase purchase, CancellationToken cancellationToken)
    {
        context.Out.WriteLine(
            FormattableString.Invariant($"→ POST {new Uri(api.BaseAddress, "orders")} ({provider} order {purchase.Order} for {purchase.User}: {purchase.Sku} × {purchase.Quantity}, {purchase.Amount} {purchase.Currency})"));
        var answer = await api.PlaceOrderAsync(provider, purchase, cancellationToken);
        ExchangePrinter.Answer(context, answer);
        return answer.IsSuccess;
    }

    private static Func<ParseResult, NotificationOptions> RuStoreOptions(Command command)
    {
        var key = new Option<string?>("--key") { Description = "RuStore key, Base64 of 32 bytes or 64 hex digits (default: $PAYMENTS_RUSTORE_KEY, or $PAYMENTS_RUSTORE_SANDBOX_KEY with --sandbox, else the development key)." };
        var invoice = new Option<string?>("--invoice") { Description = "invoice_id (default: inv-{order})." };
        var id = new Option<string?>("--notification-id") { Description = "The body's notification id (default: a new one)." };
        var iv = new Option<string?>("--iv") { Description = "A fixed 12-byte IV in hex, to reproduce a payload (default: random, as RuStore does)." };
        command.Add(key);
        command.Add(invoice);
        command.Add(id);
        command.Add(iv);
        return parse => new NotificationOptions
        {
            RuStoreKey = parse.GetValue(key),
            Invoice = parse.GetValue(invoice),
            NotificationId = parse.GetValue(id),
            Iv = parse.GetValue(iv) is { } hex ? ParseIv(hex) : null,
        };
    }

    private static Func<ParseResult, NotificationOptions> XsollaOptions(Command command)
    {
        var secret = new Option<string?>("--secret") { Description = "Xsolla project webhook secret key (default: $PAYMENTS_XSOLLA_SECRET, else the development secret)." };
        command.Add(secret);
        return parse => new NotificationOptions { XsollaSecret = parse.GetValue(secret) };
    }

    private static Func<ParseResult, NotificationOptions> RoboKassaOptions(Command command)
    {
        var password = new Option<string?>("--password")
        {
            Description = "Password #2, or the test Password #2 with --sandbox (default: $PAYMENTS_ROBOKASSA_PASSWORD2 / $PAYMENTS_ROBOKASSA_TEST_PASSWORD2, else the development passwords).",
        };
        var algorithm = new Option<string?>("--algorithm") { Description = "MD5, SHA1, SHA256, SHA384 or SHA512 (default: $PAYMENTS_ROBOKASSA_ALGORITHM, else MD5)." };
        algorithm.AcceptOnlyFromAmong([.. RoboKassaCalls.Algorithms, .. RoboKassaCalls.Algorithms.Select(a => a.ToLowerInvariant())]);
        var get = new Option<bool>("--get") { Description = "Call ResultURL with GET and a query string instead of a form POST." };
        command.Add(password);
        command.Add(algorithm);
        command.Add(get);
        return parse => new NotificationOptions
        {
            RoboKassaPassword = parse.GetValue(password),
            RoboKassaAlgorithm = parse.GetValue(algorithm),
            UseGet = parse.GetValue(get),
        };
    }

    private static byte[] ParseIv(string hex)
    {
        try
        {
            var iv = Convert.FromHexString(hex.Trim());
            if (iv.Length == RuStoreNotifications.IvLength)
            {
                return iv;
            }
        }
        catch (FormatException)
        {
        }

        throw new FormatException($"--iv must be {RuStoreNotifications.IvLength} bytes as {2 * RuStoreNotifications.IvLength} hex digits.");
    }
}
