using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Support;

/// <summary>The test account's Xsolla secrets; requests are signed with them by the provider simulator.</summary>
internal static class XsollaSecrets
{
    public const string Current = "test-secret-current";

    /// <summary>The rotated-out secret, still listed: the secret of vectors X1, X3 and X4.</summary>
    public const string Previous = XsollaVectors.Secret;

    public const string Unknown = "some-other-project-secret";

    /// <summary>Account <paramref name="name"/> with the current and the previous secret.</summary>
    public static Dictionary<string, string?> Settings(string name = "game1") => new()
    {
        [$"Providers:Xsolla:Accounts:{name}:SecretKeys:0"] = Current,
        [$"Providers:Xsolla:Accounts:{name}:SecretKeys:1"] = Previous,
    };
}
