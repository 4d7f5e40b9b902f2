namespace Payments.Orders.Lifecycle;

/// <summary>The statuses of DESIGN.md §4. Names are the saga's state names; the API shows them lowercase.</summary>
public enum OrderStatus
{
    Placed,
    Started,
    Authorized,
    Paid,
    Failed,
    Reversed,
    Refunded,
}
