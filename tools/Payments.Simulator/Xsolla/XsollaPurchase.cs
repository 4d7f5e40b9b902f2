using Payments.Contracts;

namespace Payments.Simulator.Xsolla;

/// <summary>One Xsolla purchase: the ids, user, items and money every webhook of it repeats.</summary>
public sealed record XsollaPurchase
{
    /// <summary>
    /// Xsolla's invoice: <c>transaction.id</c> of payment, refund and partial_refund (a JSON number when all digits,
    /// as Xsolla sends it) and <c>order.invoice_id</c> of order_paid and order_canceled, so all reach one order.
    /// </summary>
    public required string InvoiceId { get; init; }

    /// <summary><c>order.id</c>, Xsolla's own order number (nothing keys on it); default: a stable number derived from the invoice.</summary>
    public long? OrderId { get; init; }

    /// <summary><c>user.id</c> (payment, refund) and <c>user.external_id</c> (order webhooks).</summary>
    public required string UserId { get; init; }

    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>The price in real money, e.g. <c>9.99</c> (<c>purchase.total</c>).</summary>
    public required decimal Amount { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>A test payment: <c>transaction.dry_run = 1</c> and <c>order.mode = "sandbox"</c>.</summary>
    public bool Sandbox { get; init; }

    public DateTimeOffset PaymentDate { get; init; } = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
}
