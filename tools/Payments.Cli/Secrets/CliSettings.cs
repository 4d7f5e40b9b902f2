namespace Payments.Cli.Secrets;

/// <summary>
/// Where every default comes from: an option on the command line wins, then an environment variable, then the
/// standalone host's development value. The variables let a shell session point the CLI at another deployment
/// without repeating secrets on every command line (where they would land in the shell's history).
/// </summary>
internal sealed class CliSettings(Func<string, string?> environment)
{
    public const string UrlVariable = "PAYMENTS_URL";
    public const string AccountVariable = "PAYMENTS_ACCOUNT";
    public const string RuStoreKeyVariable = "PAYMENTS_RUSTORE_KEY";
    public const string RuStoreSandboxKeyVariable = "PAYMENTS_RUSTORE_SANDBOX_KEY";
    public const string XsollaSecretVariable = "PAYMENTS_XSOLLA_SECRET";
    public const string RoboKassaPassword2Variable = "PAYMENTS_ROBOKASSA_PASSWORD2";
    public const string RoboKassaTestPassword2Variable = "PAYMENTS_ROBOKASSA_TEST_PASSWORD2";
    public const string RoboKassaAlgorithmVariable = "PAYMENTS_ROBOKASSA_ALGORITHM";
    public const string RabbitMqVariable = "PAYMENTS_RABBITMQ";
    public const string ApiKeyVariable = "PAYMENTS_API_KEY";

    public string Url(string? option) => Pick(option, UrlVariable, DevelopmentSecrets.Url);

    /// <summary>The key to send; checked for its form only when a command calls an API route (webhooks need none).</summary>
    public string ApiKey(string? option) => Pick(option, ApiKeyVariable, Payments.Contracts.Access.ApiKey.StandaloneDevelopmentKey);

    public string Account(string? option) => Pick(option, AccountVariable, DevelopmentSecrets.Account);

    public string RuStoreKey(string? option, bool sandbox) =>
        sandbox
            ? Pick(option, RuStoreSandboxKeyVariable, DevelopmentSecrets.RuStoreSandboxKey)
            : Pick(option, RuStoreKeyVariable, DevelopmentSecrets.RuStoreKey);

    public string XsollaSecret(string? option) => Pick(option, XsollaSecretVariable, DevelopmentSecrets.XsollaSecret);

    public string RoboKassaPassword2(string? option, bool test) =>
        test
            ? Pick(option, RoboKassaTestPassword2Variable, DevelopmentSecrets.RoboKassaTestPassword2)
            : Pick(option, RoboKassaPassword2Variable, DevelopmentSecrets.RoboKassaPassword2);

    public string RoboKassaAlgorithm(string? option) => Pick(option, RoboKassaAlgorithmVariable, DevelopmentSecrets.RoboKassaAlgorithm).ToUpperInvariant();

    public string? RabbitMq(string? option) => string.IsNullOrWhiteSpace(option) ? Variable(RabbitMqVariable) : option;

    private string Pick(string? option, string variable, string fallback) =>
        !string.IsNullOrWhiteSpace(option) ? option : Variable(variable) ?? fallback;

    private string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;
}
