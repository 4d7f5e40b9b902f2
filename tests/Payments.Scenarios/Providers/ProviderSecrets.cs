using System.Globalization;

namespace Payments.Scenarios.Providers;

/// <summary>
/// The secrets of one account name configured for all three providers, and the environment variables that give
/// them to an Ingress host (standard .NET configuration, <c>__</c> for <c>:</c>).
/// </summary>
public sealed class ProviderSecrets
{
    public required string Account { get; init; }

    /// <summary>RuStore production notification key (32 bytes).</summary>
    public required byte[] RuStoreKey { get; init; }

    /// <summary>RuStore sandbox notification key (32 bytes), for <c>INVOICE_STATUS_SANDBOX</c>.</summary>
    public required byte[] RuStoreSandboxKey { get; init; }

    /// <summary>Xsolla project webhook secret key.</summary>
    public required string XsollaSecret { get; init; }

    public required string RoboKassaPassword1 { get; init; }
    public required string RoboKassaPassword2 { get; init; }
    public required string RoboKassaTestPassword1 { get; init; }
    public required string RoboKassaTestPassword2 { get; init; }

    /// <summary>The shop's hash algorithm: MD5, SHA1, SHA256, SHA384 or SHA512.</summary>
    public required string RoboKassaHashAlgorithm { get; init; }

    /// <summary>Test secrets for <paramref name="account"/>; the RuStore key may be given (e.g. an existing test's key).</summary>
    public static ProviderSecrets ForTests(string account, byte[]? ruStoreKey = null) => new()
    {
        Account = account,
        RuStoreKey = ruStoreKey ?? [.. Enumerable.Range(100, 32).Select(i => (byte)i)],
        RuStoreSandboxKey = [.. Enumerable.Range(160, 32).Select(i => (byte)i)],
        XsollaSecret = "scenario-xsolla-secret",
        RoboKassaPassword1 = "scenario_password_1",
        RoboKassaPassword2 = "scenario_password_2",
        RoboKassaTestPassword1 = "scenario_test_password_1",
        RoboKassaTestPassword2 = "scenario_test_password_2",
        RoboKassaHashAlgorithm = "SHA256",
    };

    /// <summary>Environment variables configuring the account for RuStore (production and sandbox key), Xsolla and RoboKassa.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment() => new Dictionary<string, string>
    {
        [$"Providers__RuStore__Accounts__{Account}__Keys__0"] = Convert.ToBase64String(RuStoreKey),
        [$"Providers__RuStore__Accounts__{Account}__SandboxKeys__0"] = Convert.ToBase64String(RuStoreSandboxKey),
        [$"Providers__Xsolla__Accounts__{Account}__SecretKeys__0"] = XsollaSecret,
        [$"Providers__RoboKassa__Accounts__{Account}__Password1"] = RoboKassaPassword1,
        [$"Providers__RoboKassa__Accounts__{Account}__Password2"] = RoboKassaPassword2,
        [$"Providers__RoboKassa__Accounts__{Account}__TestPassword1"] = RoboKassaTestPassword1,
        [$"Providers__RoboKassa__Accounts__{Account}__TestPassword2"] = RoboKassaTestPassword2,
        [$"Providers__RoboKassa__Accounts__{Account}__HashAlgorithm"] = RoboKassaHashAlgorithm.ToUpper(CultureInfo.InvariantCulture),
    };
}
