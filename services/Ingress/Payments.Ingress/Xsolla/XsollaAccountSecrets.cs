namespace Payments.Ingress.Xsolla;

/// <summary>One account's secret keys as UTF-8 bytes, in the order they are tried. Deliberately not a record: no secret in ToString.</summary>
internal sealed class XsollaAccountSecrets(string account, IReadOnlyList<byte[]> secrets)
{
    /// <summary>The account name as configured (used in messages and ids whatever case the URL had).</summary>
    public string Account { get; } = account;

    public IReadOnlyList<byte[]> Secrets { get; } = secrets;
}
