namespace Payments.Ingress.RuStore;

/// <summary>Which of an account's key lists opened a payload.</summary>
internal enum RuStoreKeyKind
{
    Production,
    Sandbox,
}
