namespace Payments.Ingress.RoboKassa;

/// <summary>Bound from <c>Providers:RoboKassa</c>: one entry per RoboKassa shop (account) this service receives for.</summary>
public sealed class RoboKassaOptions
{
    public const string SectionName = "Providers:RoboKassa";

    /// <summary>Keyed by the account name used in <c>/webhooks/robokassa/{account}/result</c>.</summary>
    public Dictionary<string, RoboKassaAccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
