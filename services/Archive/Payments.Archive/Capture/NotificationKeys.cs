namespace Payments.Archive.Capture;

/// <summary>What the archive indexes a notification by.</summary>
/// <param name="ProviderOrderId">The order the Normalizer routes it to; null when it concerns no order (a RuStore test event).</param>
/// <param name="InvoiceId">The provider's invoice or transaction id, when it has one.</param>
public sealed record NotificationKeys(string Provider, string Account, string Environment, string? ProviderOrderId, string? InvoiceId);
