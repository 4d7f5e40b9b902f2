namespace Payments.Ingress.RuStore;

/// <summary>A notification whose payload a configured key authenticated, with the environment it belongs to.</summary>
internal sealed record RuStoreVerifiedNotification(RuStoreNotification Notification, string Environment, RuStoreKeyKind KeyKind);
