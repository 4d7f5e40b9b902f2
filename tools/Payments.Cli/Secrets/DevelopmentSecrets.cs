namespace Payments.Cli.Secrets;

/// <summary>
/// The standalone host's development secrets of account <c>demo</c> (services/Payments.Standalone/DevelopmentSecrets.cs,
/// README.md): the keys, secret and passwords of the test vectors of docs/providers/. Public; they protect nothing.
/// </summary>
internal static class DevelopmentSecrets
{
    public const string Account = "demo";
    public const string Url = "http://localhost:5080";
    public const string RuStoreKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string RuStoreSandboxKey = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    public const string XsollaSecret = "my_webhook_secret_key";
    public const string RoboKassaPassword2 = "password_2";
    public const string RoboKassaTestPassword2 = "test_password_2";
    public const string RoboKassaAlgorithm = "MD5";
}
