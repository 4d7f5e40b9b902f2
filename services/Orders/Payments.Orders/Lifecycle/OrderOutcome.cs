namespace Payments.Orders.Lifecycle;

/// <summary>What the saga must publish after an event: nothing, the grant, or the revocation.</summary>
public enum OrderOutcome
{
    None,
    Grant,
    Revoke,
}
