using System.Security.Cryptography;

namespace Payments.Ingress.RoboKassa;

/// <summary>One shop's resolved settings. Deliberately not a record: no password in ToString.</summary>
internal sealed class RoboKassaAccount(string account, HashAlgorithmName algorithm, RoboKassaAccountOptions settings)
{
    /// <summary>The account name as configured (used in messages and ids whatever case the URL had).</summary>
    public string Account { get; } = account;

    public HashAlgorithmName Algorithm { get; } = algorithm;

    public string UserParameter { get; } = settings.UserParameter;

    /// <summary>The game's user id: the value of <see cref="UserParameter"/> (name in any case), null when absent or empty.</summary>
    public string? UserIdOf(RoboKassaParameters parameters) =>
        parameters.Shp.FirstOrDefault(p => p.Key.Equals(UserParameter, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } user ? user : null;

    public bool HasLivePasswords => !string.IsNullOrEmpty(settings.Password2);

    public bool HasTestPasswords => !string.IsNullOrEmpty(settings.TestPassword2);

    /// <summary>The password that signs <paramref name="kind"/>, live or test; null when that pair is not configured.</summary>
    public string? Password(RoboKassaPassword kind, bool isTest) => (kind, isTest) switch
    {
        (RoboKassaPassword.One, false) => NullIfEmpty(settings.Password1),
        (RoboKassaPassword.Two, false) => NullIfEmpty(settings.Password2),
        (RoboKassaPassword.One, true) => NullIfEmpty(settings.TestPassword1),
        _ => NullIfEmpty(settings.TestPassword2),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
