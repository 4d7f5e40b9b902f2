using Microsoft.AspNetCore.Mvc;
using Payments.OperatorConsole.Access;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>
/// One order: where it is and why, the timeline that got it there, the archived provider notifications behind it
/// (personal data masked until revealed), the webhooks sent to the game servers, and the actions on it.
/// </summary>
public sealed class OrderModel(ConsoleApi api, OperatorAudit audit) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public Guid OrderId { get; set; }

    public OrderDetails? Order { get; private set; }

    public List<(ArchivedSummary Summary, string? Json)> Notifications { get; } = [];

    public Guid? Revealed { get; private set; }

    public IReadOnlyList<DeliveryView>? Deliveries { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(null, cancellationToken);

    /// <summary>Shows one notification unmasked, and records who saw it.</summary>
    public Task<IActionResult> OnPostRevealAsync(Guid messageId, CancellationToken cancellationToken)
    {
        audit.Revealed(Operator, $"archived notification {messageId} of order {OrderId}");
        return LoadAsync(messageId, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(Guid? reveal, CancellationToken cancellationToken)
    {
        var answer = await api.GetOrderAsync(OrderId, cancellationToken);
        Order = Take(answer, "Orders");
        if (Order is null)
        {
            return answer.NotFound ? NotFound() : Page();
        }

        var archived = api.ArchiveForOrderAsync(Order, cancellationToken);
        var deliveries = api.Has(ConsoleServices.Notifier) ? api.DeliveriesAsync(OrderId, cancellationToken) : null;
        var summaries = Take(await archived, "Archive")?.Notifications ?? [];
        var messages = summaries.Take(50).Select(s => api.ArchivedAsync(s.MessageId, cancellationToken)).ToList();
        for (var i = 0; i < summaries.Count; i++)
        {
            string? json = null;
            if (i < messages.Count && Take(await messages[i], "Archive message") is { } message)
            {
                var unmasked = reveal == summaries[i].MessageId;
                json = unmasked ? PersonalData.Json(message.Message) : PersonalData.MaskedJson(message.Message);
                Revealed = unmasked ? reveal : Revealed;
            }

            Notifications.Add((summaries[i], json));
        }

        if (deliveries is not null)
        {
            Deliveries = Take(await deliveries, "Notifier")?.Deliveries;
        }

        return Page();
    }

    /// <summary>One sentence: why the order was, or was not, granted.</summary>
    public static string Why(OrderDetails order)
    {
        var mismatch = string.Join(
            " and ",
            new[]
            {
                order.AmountMismatch ? $"the amount paid ({order.PaidAmount ?? "?"}) is not the registered one ({order.Amount ?? "?"} {order.Currency})" : null,
                order.ItemMismatch ? "the items the provider reports are not the registered ones" : null,
            }.Where(s => s is not null));
        return order switch
        {
            { Revoked: true } => $"Granted, then revoked: the order is {order.Status}.",
            { Granted: true, Resolution: { } resolution } => $"Granted after an operator settled it ({resolution}).",
            { Granted: true } => "Granted: the payment was confirmed and the items are the player's.",
            { Blocked: true } => $"Not granted: the grant is blocked because {mismatch}. Settle it below.",
            { Resolution: "cancel" } => "Not granted: an operator cancelled the grant (a refund is theirs to make with the provider).",
            { AwaitingDetails: true } => "Paid, not granted yet: the order's player or items are unknown until the game backend registers it (POST /orders).",
            { Status: "failed" or "reversed" or "refunded" } => $"Not granted: the payment {order.Status}.",
            { Status: "placed" or "started" or "authorized" } => $"Not granted: not paid yet (status {order.Status}); waiting for the provider's notification.",
            _ => "Paid: the grant is on its way to Entitlements.",
        };
    }
}
