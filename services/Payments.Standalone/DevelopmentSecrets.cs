namespace Payments.Standalone;

/// <summary>
/// Secrets of the standalone host's <c>demo</c> accounts, published in README.md. They protect nothing: they exist
/// so a newcomer can send a correctly encrypted or signed notification on the first run. The RuStore key is the
/// key of the test vectors in PROTOCOLS.md §1.6.
/// </summary>
internal static class DevelopmentSecrets
{
    public const string Account = "demo";
    public const string RuStoreKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string RuStoreSandboxKey = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [$"Providers:RuStore:Accounts:{Account}:Keys:0"] = RuStoreKey,
        [$"Providers:RuStore:Accounts:{Account}:SandboxKeys:0"] = RuStoreSandboxKey,
    };
}
