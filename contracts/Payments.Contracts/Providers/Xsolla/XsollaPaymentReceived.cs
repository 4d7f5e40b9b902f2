namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// A verified (signed) Xsolla <c>payment</c> webhook: the invoice was paid (PROTOCOLS §2.5). Ids arrive as numbers
/// or strings and are carried as text.
/// </summary>
public sealed record XsollaPaymentReceived
{
    public string Provider { get; init; } = PaymentProviders.Xsolla;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>transaction.dry_run</c> is truthy (1, "1", true), else <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary><c>transaction.id</c>: Xsolla's invoice id, the same for every webhook of the purchase.</summary>
    public required string TransactionId { get; init; }

    /// <summary><c>transaction.external_id</c>: the game's own id for the purchase, when it gave one.</summary>
    public string? ExternalId { get; init; }

    /// <summary><c>order.id</c>, present when the project adds the order object to payment webhooks.</summary>
    public string? OrderId { get; init; }
    public DateTimeOffset? PaymentDate { get; init; }

    /// <summary><c>user.id</c>: the game's user id.</summary>
    public string? UserId { get; init; }

    /// <summary><c>purchase.virtual_items.items[]</c> (their <c>amount</c> is the count, A19) and <c>purchase.virtual_currency</c> when it has a sku.</summary>
    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>Real money: <c>purchase.total</c>, else <c>payment_details.payment</c>; a decimal string.</summary>
    public string? Amount { get; init; }
    public string? Currency { get; init; }

    /// <summary>The request body exactly as it was signed, for audit and replay.</summary>
    public required string RawBody { get; init; }
}
