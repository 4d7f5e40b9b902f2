namespace Payments.Simulator.RoboKassa;

/// <summary>
/// The order of the <c>Shp_</c> parameters in the signed base string. RoboKassa says "alphabetical"; its own code
/// has it both ways (docs/providers/robokassa.md), and the Ingress accepts both.
/// </summary>
public enum RoboKassaShpOrder
{
    /// <summary>Names compared in lowercase, as the docs' example and the official WordPress plugin have it.</summary>
    CaseInsensitive,

    /// <summary>Byte order of the names, as the official PHP SDK sorts them.</summary>
    Ordinal,
}
