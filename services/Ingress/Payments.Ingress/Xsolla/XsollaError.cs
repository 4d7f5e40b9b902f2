namespace Payments.Ingress.Xsolla;

/// <summary>The inner object of <see cref="XsollaErrorBody"/>.</summary>
internal sealed record XsollaError(string Code, string Message);
