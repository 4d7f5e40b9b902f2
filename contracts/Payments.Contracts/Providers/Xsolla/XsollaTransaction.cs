namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// What a <c>payment</c>, <c>refund</c> or <c>partial_refund</c> webhook says about its transaction, the purchase and
/// the buyer (docs/providers/xsolla.md). Ids arrive as numbers or strings and are carried as text; only the id is
/// required, any other field the webhook did not give is null.
/// </summary>
public sealed record XsollaTransaction
{
    /// <summary><c>transaction.id</c>: Xsolla's invoice id, the same for every webhook of the purchase, and its order's key.</summary>
    public required string Id { get; init; }

    /// <summary><c>transaction.external_id</c>: the game's own id for the purchase, when it gave one.</summary>
    public string? ExternalId { get; init; }

    /// <summary><c>transaction.payment_date</c>: when the payment was made (for a refund too).</summary>
    public DateTimeOffset? PaymentDate { get; init; }

    /// <summary><c>order.id</c>, present when the project adds the order object to these webhooks.</summary>
    public string? OrderId { get; init; }

    /// <summary><c>user.id</c>: the game's user id.</summary>
    public string? UserId { get; init; }

    /// <summary><c>purchase.virtual_items.items[]</c> (their <c>amount</c> is the count) and <c>purchase.virtual_currency</c> when it has a sku.</summary>
    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>Real money: <c>purchase.total</c>, else <c>payment_details.payment</c>; a decimal string.</summary>
    public string? Amount { get; init; }

    /// <summary>The currency of <see cref="Amount"/>.</summary>
    public string? Currency { get; init; }

    /// <summary><c>refund_details.code</c> of a refund or partial refund: 1–13 (e.g. 2 chargeback, 4 potential fraud).</summary>
    public int? RefundCode { get; init; }

    /// <summary><c>refund_details.reason</c>, free text.</summary>
    public string? RefundReason { get; init; }
}
