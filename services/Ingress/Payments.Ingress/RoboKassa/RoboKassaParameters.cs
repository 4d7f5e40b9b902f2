namespace Payments.Ingress.RoboKassa;

/// <summary>
/// The parameters of one RoboKassa call, query and form merged. Names are looked up in any case (docs/providers/robokassa.md, decision A27);
/// each keeps the spelling it arrived with, which is what a <c>Shp_</c> name is hashed with.
/// </summary>
internal sealed class RoboKassaParameters
{
    public const string OutSum = "OutSum";
    public const string InvId = "InvId";
    public const string SignatureValue = "SignatureValue";
    public const string IsTest = "IsTest";
    public const string Fee = "Fee";
    public const string EMail = "EMail";
    public const string PaymentMethod = "PaymentMethod";
    public const string IncCurrLabel = "IncCurrLabel";
    public const string DefaultUserParameter = "Shp_user";

    private const string ShpPrefix = "Shp_";

    private readonly Dictionary<string, string> _values;

    /// <param name="values">Names unique in any case (the reader refuses a repeated name).</param>
    public RoboKassaParameters(Dictionary<string, string> values)
    {
        _values = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>The shop's custom parameters: every name starting with <c>Shp_</c> in any case (docs/providers/robokassa.md#verification).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Shp => _values.Where(p => IsShp(p.Key)).ToList();

    public static bool IsShp(string? name) => name is { Length: > 4 } && name.StartsWith(ShpPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value, or null when the parameter is absent or empty.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
