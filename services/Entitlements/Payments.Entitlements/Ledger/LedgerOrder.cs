namespace Payments.Entitlements.Ledger;

/// <summary>
/// One row per order the ledger has heard of. Every grant or revocation of the order locks this row first, so a
/// grant and a revocation of the same order never interleave, and a revocation that arrives before the grant is
/// remembered (the grant then lands already revoked).
/// </summary>
public sealed class LedgerOrder
{
    public Guid OrderId { get; set; }
    public string UserId { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Account { get; set; } = "";
    public string Environment { get; set; } = "";
    public DateTimeOffset? GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokeReason { get; set; }
}
