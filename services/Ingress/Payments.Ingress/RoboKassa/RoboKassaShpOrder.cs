namespace Payments.Ingress.RoboKassa;

/// <summary>The two orderings of <c>Shp_</c> parameters seen in RoboKassa's own code (docs/providers/robokassa.md, decision A24).</summary>
internal enum RoboKassaShpOrder
{
    /// <summary>"Alphabetical" as the docs and the official WordPress plugin have it: names compared in lowercase.</summary>
    CaseInsensitive,

    /// <summary>Byte order of the names, as the official PHP SDK sorts them.</summary>
    Ordinal,
}
