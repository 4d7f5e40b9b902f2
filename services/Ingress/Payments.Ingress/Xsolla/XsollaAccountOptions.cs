namespace Payments.Ingress.Xsolla;

/// <summary>The project's webhook secret key from Xsolla Publisher Account (Project settings → Webhooks).</summary>
public sealed class XsollaAccountOptions
{
    /// <summary>
    /// The first is the current key; the others are still accepted while a regenerated key is rolled out. A body
    /// signed with any of them is verified.
    /// </summary>
    public List<string> SecretKeys { get; set; } = [];
}
