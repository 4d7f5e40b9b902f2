using Payments.Ingress.RuStore;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Support;

/// <summary>Keys of the test account: a current production key, the vector key as the rotated-out one, a sandbox key.</summary>
internal static class TestKeys
{
    public static readonly byte[] Current = Enumerable.Range(0x40, 32).Select(b => (byte)b).ToArray();

    public static readonly byte[] Previous = RuStoreVectors.Key;

    public static readonly byte[] Sandbox = Enumerable.Range(0x80, 32).Select(b => (byte)b).ToArray();

    public static readonly byte[] Unknown = Enumerable.Range(0xC0, 32).Select(b => (byte)b).ToArray();

    public static RuStoreAccountKeys Account(string name = "game1") => new(name, [Current, Previous], [Sandbox]);

    /// <summary>Configuration of account <paramref name="name"/>: Base64, hex (the vector key) and a sandbox key.</summary>
    public static Dictionary<string, string?> Settings(string name = "game1") => new()
    {
        [$"Providers:RuStore:Accounts:{name}:Keys:0"] = Convert.ToBase64String(Current),
        [$"Providers:RuStore:Accounts:{name}:Keys:1"] = RuStoreVectors.KeyHex,
        [$"Providers:RuStore:Accounts:{name}:SandboxKeys:0"] = Convert.ToBase64String(Sandbox),
    };
}
