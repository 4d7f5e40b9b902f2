namespace Payments.Ingress.Xsolla;

/// <summary>Bound from <c>Providers:Xsolla</c>: one entry per Xsolla project (account) this service receives for.</summary>
public sealed class XsollaOptions
{
    public const string SectionName = "Providers:Xsolla";

    /// <summary>Keyed by the account name used in <c>POST /webhooks/xsolla/{account}</c>.</summary>
    public Dictionary<string, XsollaAccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long a <c>user_validation</c> waits for Entitlements' answer before it is answered 503. Xsolla expects the
    /// answer within about 3 seconds and does not resend this webhook (docs/providers/xsolla.md#retries), so it stays well under that.
    /// </summary>
    public TimeSpan UserValidationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Before Ingress reports ready, one probe request warms the user check's whole path (<see cref="XsollaUserValidationWarmup"/>).
    /// Turn it off only where nothing answers <c>ValidateUser</c> (tests of Ingress alone).
    /// </summary>
    public bool UserValidationWarmup { get; set; } = true;
}
