namespace Payments.Contracts;

/// <summary>
/// The longest value of each field the system stores, in characters: what Ingress and <c>POST /orders</c> accept and
/// what the columns hold (README "Field limits"). A longer value is refused at the edge, with the provider's 4xx,
/// before any success answer: it could never be saved, and would otherwise fail on every retry after the provider was
/// told it arrived.
/// </summary>
public static class FieldLimits
{
    /// <summary>A provider's order, invoice, transaction, purchase or notification id.</summary>
    public const int ProviderId = 255;

    /// <summary>The game's user id.</summary>
    public const int UserId = 255;

    /// <summary>An item's product code.</summary>
    public const int Sku = 255;

    /// <summary>A provider account name as configured.</summary>
    public const int Account = 64;

    /// <summary>A decimal amount as a string ("100.00").</summary>
    public const int Amount = 32;

    /// <summary>An ISO 4217 code (3); the column allows a few more for providers' own codes.</summary>
    public const int Currency = 8;

    /// <summary>A provider's own status word, kept in the timeline.</summary>
    public const int ProviderStatus = 64;

    /// <summary>Whether <paramref name="value"/> fits <paramref name="limit"/> (null fits: the field is absent).</summary>
    public static bool Fits(string? value, int limit) => value is null || value.Length <= limit;
}
