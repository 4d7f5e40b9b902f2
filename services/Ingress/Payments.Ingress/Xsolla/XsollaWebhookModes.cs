namespace Payments.Ingress.Xsolla;

/// <summary>A project setting: order webhooks come alone, or with the payment data in a <c>billing</c> object (PROTOCOLS §2.1, A20).</summary>
internal static class XsollaWebhookModes
{
    public const string Separate = "separate";
    public const string Combined = "combined";
}
