using System.CommandLine;

namespace Payments.Cli.Commands;

/// <summary>Options several commands share. Each command gets its own instances; defaults are resolved by <see cref="Secrets.CliSettings"/>.</summary>
internal static class CommonOptions
{
    public static Option<string?> Url() => new("--url", "-u")
    {
        Description = "Base URL of the payments host (default: $PAYMENTS_URL, else http://localhost:5080, the standalone host).",
    };

    public static Option<string?> ApiKey() => new("--api-key", "-k")
    {
        Description = "API key for the order, user and archive routes, sent as X-Api-Key (default: $PAYMENTS_API_KEY, else the standalone host's development key). Prefer the variable: a key on the command line lands in the shell's history.",
    };

    public static Option<string?> Account() => new("--account", "-a")
    {
        Description = "Provider account name as configured in the host (default: $PAYMENTS_ACCOUNT, else 'demo', the standalone host's account).",
    };

    public static Option<string> Environment() => new("--environment", "-e")
    {
        Description = "production or sandbox.",
        DefaultValueFactory = _ => "production",
    };

    public static Option<string?> Order() => new("--order", "-o")
    {
        Description = "Provider order id: RuStore order_id, Xsolla invoice (transaction.id), RoboKassa InvId (default: a new one, printed).",
    };

    public static Option<string> User() => new("--user")
    {
        Description = "The game's user id.",
        DefaultValueFactory = _ => "player-1",
    };

    public static Option<string> Sku() => new("--sku")
    {
        Description = "The purchased item's product code.",
        DefaultValueFactory = _ => "sword",
    };

    public static Option<string> Amount() => new("--amount")
    {
        Description = "Amount as a decimal string (RoboKassa OutSum, Xsolla total, the registered order's amount).",
        DefaultValueFactory = _ => "100.00",
    };

    public static Option<string> Currency() => new("--currency")
    {
        Description = "ISO 4217 currency code.",
        DefaultValueFactory = _ => "RUB",
    };

    public static Option<bool> Sandbox() => new("--sandbox")
    {
        Description = "A test payment: RuStore *_SANDBOX type with the sandbox key, Xsolla dry_run / mode=sandbox, RoboKassa IsTest=1 with the test password.",
    };

    public static Option<bool> Register() => new("--register")
    {
        Description = "Register the order first (POST /orders with the user, sku and amount), as the game backend would.",
    };

    public static Option<int> Quantity() => new("--quantity")
    {
        Description = "How many of the sku.",
        DefaultValueFactory = _ => 1,
    };
}
