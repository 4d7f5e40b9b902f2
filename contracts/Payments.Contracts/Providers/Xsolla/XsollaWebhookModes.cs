namespace Payments.Contracts.Providers.Xsolla;

/// <summary>
/// <see cref="XsollaOrder.WebhookMode"/>: a project setting, order webhooks come alone or with the payment data in a
/// <c>billing</c> object (docs/providers/xsolla.md).
/// </summary>
public static class XsollaWebhookModes
{
    public const string Separate = "separate";
    public const string Combined = "combined";
}
