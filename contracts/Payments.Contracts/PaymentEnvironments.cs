namespace Payments.Contracts;

/// <summary>A sandbox order and a production order are different orders, even with the same provider id.</summary>
public static class PaymentEnvironments
{
    public const string Production = "production";
    public const string Sandbox = "sandbox";

    public static bool IsKnown(string? environment) => environment is Production or Sandbox;
}
