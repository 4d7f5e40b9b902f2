namespace Payments.Cli.Notifications;

/// <summary>What a simulated notification is about: one order of one user for one sku.</summary>
internal sealed record Purchase
{
    public required string Account { get; init; }

    /// <summary>The provider order id: RuStore <c>order_id</c>, Xsolla invoice (<c>transaction.id</c>), RoboKassa <c>InvId</c>.</summary>
    public required string Order { get; init; }

    public required string User { get; init; }
    public required string Sku { get; init; }
    public int Quantity { get; init; } = 1;

    /// <summary>Decimal string, e.g. <c>100.00</c>.</summary>
    public string Amount { get; init; } = "100.00";
    public string Currency { get; init; } = "RUB";

    /// <summary>A test payment: RuStore <c>*_SANDBOX</c> type and sandbox key, Xsolla <c>dry_run</c> / <c>mode=sandbox</c>, RoboKassa <c>IsTest=1</c>.</summary>
    public bool Sandbox { get; init; }

    public string Environment => Sandbox ? "sandbox" : "production";
}
