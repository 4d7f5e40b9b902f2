namespace Payments.Ingress.RoboKassa;

/// <summary>
/// One shop's settings, as shown in its RoboKassa Technical settings. Password #2 signs ResultURL calls, Password #1
/// the SuccessURL redirect; the test passwords sign payments made with <c>IsTest=1</c> (docs/providers/robokassa.md#verification).
/// </summary>
public sealed class RoboKassaAccountOptions
{
    public string? Password1 { get; set; }

    public string? Password2 { get; set; }

    public string? TestPassword1 { get; set; }

    public string? TestPassword2 { get; set; }

    /// <summary>MD5 (the default), SHA1, SHA256, SHA384 or SHA512: the shop's "hash calculation algorithm".</summary>
    public string? HashAlgorithm { get; set; }

    /// <summary>The <c>Shp_</c> parameter in which the game passes its user id.</summary>
    public string UserParameter { get; set; } = RoboKassaParameters.DefaultUserParameter;
}
