namespace Payments.Ingress.Xsolla;

/// <summary>The <c>error.code</c> values of Xsolla's error answer (docs/providers/xsolla.md#answers).</summary>
internal static class XsollaErrorCodes
{
    public const string InvalidSignature = "INVALID_SIGNATURE";
    public const string InvalidUser = "INVALID_USER";
    public const string InvalidParameter = "INVALID_PARAMETER";
    public const string ServerError = "SERVER_ERROR";
}
