namespace Payments.Orders.Lifecycle;

/// <summary>
/// An order's statuses (docs/lifecycle.md#statuses). Each is a state of <see cref="Saga.OrderStateMachine"/> with the same name
/// (a test holds them together); the API shows them lowercase.
/// </summary>
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
