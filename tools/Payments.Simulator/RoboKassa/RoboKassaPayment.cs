namespace Payments.Simulator.RoboKassa;

/// <summary>One paid RoboKassa invoice as a ResultURL call (or the SuccessURL redirect) reports it.</summary>
public sealed record RoboKassaPayment
{
    /// <summary>The shop's invoice number, verbatim.</summary>
    public required string InvId { get; init; }

    /// <summary>Verbatim as sent and signed; <see cref="RoboKassaCalls.OutSum"/> gives ResultURL's six decimals.</summary>
    public required string OutSum { get; init; }

    /// <summary>The shop's <c>Shp_</c> parameters in the order they are sent (signed in <see cref="RoboKassaCallOptions.ShpOrder"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Shp { get; init; } = [];

    /// <summary><c>IsTest=1</c>: a test payment, to be signed with the test password.</summary>
    public bool IsTest { get; init; }

    /// <summary>Optional unsigned fields RoboKassa adds; null leaves them out.</summary>
    public string? Fee { get; init; }
    public string? EMail { get; init; }
    public string? PaymentMethod { get; init; }
    public string? IncCurrLabel { get; init; }

    /// <summary>SuccessURL redirects carry <c>Culture</c> (e.g. <c>ru</c>).</summary>
    public string? Culture { get; init; }
}

/// <summary>How a call is signed and sent, beyond the payment and the password.</summary>
public sealed record RoboKassaCallOptions
{
    public static readonly RoboKassaCallOptions Default = new();

    /// <summary>ResultURL by GET with the parameters in the query, instead of a form POST (a shop setting).</summary>
    public bool UseGet { get; init; }

    public RoboKassaShpOrder ShpOrder { get; init; } = RoboKassaShpOrder.CaseInsensitive;

    /// <summary>The docs allow either case; SuccessURL redirects have been seen in lowercase.</summary>
    public bool LowercaseHex { get; init; }
}
