namespace Payments.Entitlements.Ledger;

/// <summary>
/// One granted line, keyed by (order, sku): the key makes a second grant of the same line impossible in the
/// database, not only in code. A revocation sets <see cref="RevokedAt"/>; rows are never deleted.
/// </summary>
public sealed class Grant
{
    public Guid OrderId { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public string UserId { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Account { get; set; } = "";
    public string Environment { get; set; } = "";
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokeReason { get; set; }

    public bool IsActive => RevokedAt is null;
}
