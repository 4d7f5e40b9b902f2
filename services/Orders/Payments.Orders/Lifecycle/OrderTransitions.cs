namespace Payments.Orders.Lifecycle;

/// <summary>
/// Which status an order may move to from which (docs/lifecycle.md#transitions). Statuses only move forward: an event that would
/// move an order backwards or out of a terminal status is ignored. A terminal payment outcome may also arrive
/// before the events that precede it (providers retry for hours), so Failed, Reversed and Refunded are reachable
/// from every earlier non-terminal status; otherwise the final status would depend on delivery order.
/// </summary>
public static class OrderTransitions
{
    public static bool IsTerminal(OrderStatus status) => status is OrderStatus.Failed or OrderStatus.Reversed or OrderStatus.Refunded;

    /// <param name="current">null for an order no event has created yet.</param>
    public static bool Allows(OrderStatus? current, OrderStatus target)
    {
        if (current is null)
        {
            return true;
        }

        var from = current.Value;
        if (IsTerminal(from))
        {
            return false;
        }

        return target switch
        {
            OrderStatus.Placed => false,
            OrderStatus.Started or OrderStatus.Authorized or OrderStatus.Paid => target > from,
            OrderStatus.Failed or OrderStatus.Reversed => from is not OrderStatus.Paid,
            OrderStatus.Refunded => true,
            _ => false,
        };
    }

    /// <summary>Why <see cref="Allows"/> said no, in words for the timeline.</summary>
    public static string Refusal(OrderStatus current, OrderStatus target) =>
        IsTerminal(current)
            ? $"order is already {Lower(current)} (terminal)"
            : $"{Lower(target)} cannot follow {Lower(current)}";

    public static string Lower(OrderStatus status) => status.ToString().ToLowerInvariant();
}
