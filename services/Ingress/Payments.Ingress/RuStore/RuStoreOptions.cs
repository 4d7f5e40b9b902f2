namespace Payments.Ingress.RuStore;

/// <summary>Bound from <c>Providers:RuStore</c>: one entry per RuStore application (account) this service receives for.</summary>
public sealed class RuStoreOptions
{
    public const string SectionName = "Providers:RuStore";

    /// <summary>Keyed by the account name used in <c>POST /webhooks/rustore/{account}</c>.</summary>
    public Dictionary<string, RuStoreAccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
