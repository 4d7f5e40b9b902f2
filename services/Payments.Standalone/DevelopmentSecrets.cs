namespace Payments.Standalone;

/// <summary>
/// Secrets of the standalone host's <c>demo</c> accounts, published in README.md. They protect nothing: they exist
/// so a newcomer can send a correctly encrypted or signed notification on the first run. They are the keys,
/// secrets and passwords of the test vectors of docs/providers/ (rustore.md, xsolla.md and robokassa.md, #test-vectors).
/// </summary>
internal static class DevelopmentSecrets
{
    public const string Account = "demo";

    /// <summary>The name of the development API key's entry (<c>Auth:ApiKeys:development</c>); the key is <see cref="Payments.Contracts.Access.ApiKey.StandaloneDevelopmentKey"/>.</summary>
    public const string ApiKeyName = "development";
    public const string RuStoreKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string RuStoreSandboxKey = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    public const string XsollaSecret = "my_webhook_secret_key";
    public const string RoboKassaPassword1 = "password_1";
    public const string RoboKassaPassword2 = "password_2";
    public const string RoboKassaTestPassword1 = "test_password_1";
    public const string RoboKassaTestPassword2 = "test_password_2";

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [$"Providers:RuStore:Accounts:{Account}:Keys:0"] = RuStoreKey,
        [$"Providers:RuStore:Accounts:{Account}:SandboxKeys:0"] = RuStoreSandboxKey,
        [$"Providers:Xsolla:Accounts:{Account}:SecretKeys:0"] = XsollaSecret,
        [$"Providers:RoboKassa:Accounts:{Account}:Password1"] = RoboKassaPassword1,
        [$"Providers:RoboKassa:Accounts:{Account}:Password2"] = RoboKassaPassword2,
        [$"Providers:RoboKassa:Accounts:{Account}:TestPassword1"] = RoboKassaTestPassword1,
        [$"Providers:RoboKassa:Accounts:{Account}:TestPassword2"] = RoboKassaTestPassword2,
    };
}
