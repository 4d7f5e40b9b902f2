using Microsoft.AspNetCore.Mvc;
using Payments.OperatorConsole.Access;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>
/// Every action asks first: this page says what will happen and to what; only its POST (with the antiforgery
/// token) acts. Kinds: <c>resolve</c> (orderId, action), <c>replay</c> (orderId, messageId), <c>requeue</c>
/// (queue, ids).
/// </summary>
public sealed class ConfirmModel(ConsoleApi api, OperatorAudit audit) : ConsolePage
{
    public static readonly string[] Resolutions = ["grant-as-registered", "grant-as-paid", "cancel"];

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? OrderId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? MessageId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public List<string> Ids { get; set; } = [];

    public OrderDetails? Order { get; private set; }

    public string? Question { get; private set; }

    public string? Consequence { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await DescribeAsync(cancellationToken))
        {
            return Failures.Count > 0 ? Page() : BadRequest();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await DescribeAsync(cancellationToken))
        {
            return Failures.Count > 0 ? Page() : BadRequest();
        }

        switch (Kind)
        {
            case "resolve":
            {
                var answer = await api.ResolveAsync(Order!, Action!, Operator, cancellationToken);
                audit.Acted(Operator, $"resolve {Action}", $"order {OrderId}", answer.Ok ? "accepted" : $"refused {(int)answer.Status}");
                return Done(answer.Ok, $"The order is being settled as {Action}: the timeline records it in a moment.", answer.Error, "/Order", new { orderId = OrderId });
            }

            case "replay":
            {
                var answer = await api.ReplayAsync(MessageId!.Value, Operator, cancellationToken);
                audit.Acted(Operator, "replay", $"archived notification {MessageId} of order {OrderId}", answer.Ok ? "published" : $"refused {(int)answer.Status}");
                return Done(answer.Ok, "The notification was published again with its own message id; the timeline shows it as a repeat.", answer.Error, "/Order", new { orderId = OrderId });
            }

            default:
            {
                var answer = await api.RequeueAsync(Queue!, Ids, Operator, cancellationToken);
                audit.Acted(Operator, "requeue", $"{Ids.Count} message(s) of {Queue}", answer.Ok ? $"{answer.Value!.Requeued.Count} moved, {answer.Value.NotFound.Count} not found" : $"refused {(int)answer.Status}");
                var moved = answer.Value is { } result
                    ? $"{result.Requeued.Count} message(s) moved back to their queue with their message ids" + (result.NotFound.Count > 0 ? $"; {result.NotFound.Count} were no longer in {Queue}." : ".")
                    : "";
                return Done(answer.Ok, moved, answer.Error, "/DeadLetterQueue", new { queue = Queue });
            }
        }
    }

    private RedirectToPageResult Done(bool ok, string notice, string? error, string page, object route)
    {
        TempData[ok ? "Notice" : "Error"] = ok ? notice : $"Not done: {error}";
        return RedirectToPage(page, route);
    }

    /// <summary>Checks the request and words the question; false when it names nothing that can be done.</summary>
    private async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        switch (Kind)
        {
            case "resolve" when OrderId is { } orderId && Resolutions.Contains(Action):
                Order = Take(await api.GetOrderAsync(orderId, cancellationToken), "Orders");
                if (Order is null)
                {
                    return false;
                }

                Question = $"Settle order {Order.ProviderOrderId} ({Order.Provider} / {Order.Account}) as {Action}?";
                Consequence = Action switch
                {
                    "grant-as-registered" => $"The player {Order.UserId} gets the registered items: {string.Join(", ", Order.Items.Select(i => $"{i.Sku} × {i.Quantity}"))}.",
                    "grant-as-paid" => "The player gets the items the provider reported as paid for.",
                    _ => "Nothing is granted. Refunding the buyer is yours to do with the provider.",
                };
                return true;
            case "replay" when OrderId is not null && MessageId is not null:
                Question = $"Replay the archived notification {MessageId}?";
                Consequence = "It is published again, same type and same message id. Nothing downstream is applied twice: the order's timeline counts a repeat.";
                return true;
            case "requeue" when !string.IsNullOrEmpty(Queue) && Queue.EndsWith("_error", StringComparison.Ordinal) && Ids.Count is > 0 and <= 100:
                Question = $"Move {Ids.Count} message(s) from {Queue} back to {Queue[..^"_error".Length]}?";
                Consequence = "Each goes back with the same message id and is consumed again; consumers are idempotent, so one already applied changes nothing.";
                return true;
            default:
                return false;
        }
    }
}
