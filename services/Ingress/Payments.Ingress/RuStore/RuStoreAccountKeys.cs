namespace Payments.Ingress.RuStore;

/// <summary>One account's decoded keys, in the order they are tried. Deliberately not a record: no key bytes in ToString.</summary>
internal sealed class RuStoreAccountKeys(string account, IReadOnlyList<byte[]> productionKeys, IReadOnlyList<byte[]> sandboxKeys)
{
    /// <summary>The account name as configured (used in messages and ids whatever case the URL had).</summary>
    public string Account { get; } = account;

    public IReadOnlyList<byte[]> ProductionKeys { get; } = productionKeys;

    public IReadOnlyList<byte[]> SandboxKeys { get; } = sandboxKeys;
}
