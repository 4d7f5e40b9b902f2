using Microsoft.AspNetCore.Mvc;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>
/// One search box for what a player or a provider hands support — a user id, a provider order id, a RuStore
/// invoice, an Xsolla transaction or a RoboKassa InvId, or our order id — and, without one, the recent orders with
/// filters, newest first, a page at a time.
/// </summary>
public sealed class FindModel(ConsoleApi api) : ConsolePage
{
    public static readonly string[] Providers = ["rustore", "xsolla", "robokassa"];
    public static readonly string[] Statuses = ["placed", "started", "authorized", "paid", "failed", "reversed", "refunded"];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true)] public string? Provider { get; set; }
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public string? Environment { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Blocked { get; set; }
    [BindProperty(SupportsGet = true)] public string? AwaitingDetails { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    /// <summary>The orders found, each with what matched (user id, provider order id, invoice).</summary>
    public List<(OrderSummary Order, string MatchedBy)> Orders { get; } = [];

    public string? Next { get; private set; }

    public bool PlayerFound { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var text = Query?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            var page = Take(await api.SearchOrdersAsync(Filters() with { Cursor = Cursor }, cancellationToken), "Orders");
            Orders.AddRange(page?.Orders.Select(o => (o, "")) ?? []);
            Next = page?.Next;
            return Page();
        }

        if (Guid.TryParse(text, out var orderId))
        {
            return RedirectToPage("/Order", new { orderId });
        }

        var byUser = api.SearchOrdersAsync(Filters() with { UserId = text }, cancellationToken);
        var byProviderOrder = api.SearchOrdersAsync(Filters() with { ProviderOrderId = text }, cancellationToken);
        var byInvoice = (Provider is { Length: > 0 } one ? [one] : Providers)
            .Select(provider => api.ArchiveByInvoiceAsync(provider, text, cancellationToken))
            .ToList();

        var users = Take(await byUser, "Orders by user id")?.Orders ?? [];
        PlayerFound = users.Count > 0;
        Add(users, "user id");
        Add(Take(await byProviderOrder, "Orders by provider order id")?.Orders ?? [], "provider order id");
        foreach (var invoice in byInvoice)
        {
            var notifications = Take(await invoice, "Archive by invoice")?.Notifications ?? [];
            foreach (var hit in notifications.Where(n => n.ProviderOrderId is not null).DistinctBy(n => (n.Provider, n.Account, n.Environment, n.ProviderOrderId)))
            {
                var page = Take(
                    await api.SearchOrdersAsync(
                        Filters() with { Provider = hit.Provider, Account = hit.Account, Environment = hit.Environment, ProviderOrderId = hit.ProviderOrderId },
                        cancellationToken),
                    "Orders by invoice");
                Add(page?.Orders ?? [], $"invoice ({hit.Provider})");
            }
        }

        return Page();
    }

    private void Add(IEnumerable<OrderSummary> found, string matchedBy)
    {
        foreach (var order in found.Where(o => Orders.All(known => known.Order.OrderId != o.OrderId)))
        {
            Orders.Add((order, matchedBy));
        }
    }

    private OrderQuery Filters() => new()
    {
        Provider = Empty(Provider),
        Account = Empty(Account),
        Environment = Empty(Environment),
        Status = Empty(Status),
        Blocked = bool.TryParse(Blocked, out var blocked) ? blocked : null,
        AwaitingDetails = bool.TryParse(AwaitingDetails, out var awaiting) ? awaiting : null,
    };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
