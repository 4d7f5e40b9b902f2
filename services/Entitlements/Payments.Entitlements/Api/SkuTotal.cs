namespace Payments.Entitlements.Api;

/// <summary>What the user holds of one sku: the sum of its active grants.</summary>
public sealed record SkuTotal(string Sku, int Quantity);
