using System.Linq.Expressions;
using Payments.Orders.Saga;

namespace Payments.Orders.Lifecycle;

/// <summary>
/// <see cref="OrderLifecycle.Blocked"/> and <see cref="OrderLifecycle.AwaitingDetails"/> as query expressions, so
/// <c>GET /orders?blocked=…&amp;awaitingDetails=…</c> filters in SQL (SQLite, PostgreSQL, SQL Server) instead of
/// reading every order. The C# rules are what the order view shows; these must say the same for every row
/// (OrderSearchTests compares them on SQLite and PostgreSQL). A change to one is a change to both.
/// </summary>
public static class OrderQueryRules
{
    /// <summary>How an empty item list is stored (the JSON column of <see cref="OrderState.Items"/>): <c>[]</c>.</summary>
    private static readonly List<Payments.Contracts.OrderItem> NoItems = [];

    private static readonly string PaidState = nameof(OrderStatus.Paid);

    /// <summary>A mismatch holds the grant and no operator has resolved it.</summary>
    public static Expression<Func<OrderState, bool>> Blocked { get; } =
        order => (order.AmountMismatch || order.ItemMismatch) && order.Resolution == null;

    public static Expression<Func<OrderState, bool>> NotBlocked { get; } =
        order => !((order.AmountMismatch || order.ItemMismatch) && order.Resolution == null);

    /// <summary>Paid, not granted, and the user or the items are still unknown.</summary>
    public static Expression<Func<OrderState, bool>> AwaitingDetails { get; } =
        order => order.CurrentState == PaidState && !order.Granted && (order.UserId == null || order.Items == NoItems);

    public static Expression<Func<OrderState, bool>> NotAwaitingDetails { get; } =
        order => !(order.CurrentState == PaidState && !order.Granted && (order.UserId == null || order.Items == NoItems));
}
