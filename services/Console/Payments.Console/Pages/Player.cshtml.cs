using Microsoft.AspNetCore.Mvc;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>A player: the items they hold now with totals, every grant with its revocation, and their orders.</summary>
public sealed class PlayerModel(ConsoleApi api) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string UserId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Environment { get; set; } = "production";

    public UserEntitlements? Active { get; private set; }

    public UserHistory? History { get; private set; }

    public OrderPage? Orders { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Environment is not ("production" or "sandbox"))
        {
            return BadRequest();
        }

        var active = api.EntitlementsAsync(UserId, Environment, cancellationToken);
        var history = api.HistoryAsync(UserId, Environment, cancellationToken);
        var orders = api.SearchOrdersAsync(new OrderQuery { UserId = UserId, Environment = Environment, Limit = 200 }, cancellationToken);
        Active = Take(await active, "Entitlements");
        History = Take(await history, "Entitlements history");
        Orders = Take(await orders, "Orders");
        return Page();
    }
}
