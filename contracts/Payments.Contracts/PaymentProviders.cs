namespace Payments.Contracts;

/// <summary>Provider names as they appear in routes, keys and messages (lowercase, stable).</summary>
public static class PaymentProviders
{
    public const string RuStore = "rustore";
    public const string Xsolla = "xsolla";
    public const string RoboKassa = "robokassa";

    public static IReadOnlyList<string> All { get; } = [RuStore, Xsolla, RoboKassa];
}
