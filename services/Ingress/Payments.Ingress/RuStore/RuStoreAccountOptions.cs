namespace Payments.Ingress.RuStore;

/// <summary>
/// The notification keys shown in RuStore Console, each as Base64 of 32 bytes or 64 hex characters. RuStore shows
/// separate keys for the real and the sandbox notification URL (docs/providers/rustore.md#verification).
/// </summary>
public sealed class RuStoreAccountOptions
{
    /// <summary>Production keys; the first is the current one, the others are still accepted during a rotation.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Sandbox keys; a payload that only these open must be a <c>*_SANDBOX</c> notification.</summary>
    public List<string> SandboxKeys { get; set; } = [];
}
