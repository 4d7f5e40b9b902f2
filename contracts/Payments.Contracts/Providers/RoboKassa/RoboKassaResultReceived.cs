namespace Payments.Contracts.Providers.RoboKassa;

/// <summary>
/// A verified RoboKassa ResultURL call: invoice <see cref="InvId"/> was paid for <see cref="OutSum"/>
/// (docs/providers/robokassa.md#statuses). Values are the strings as received. The buyer's <c>EMail</c> is
/// deliberately not carried, not even in <see cref="RawParameters"/>: it is personal data nothing downstream needs,
/// and it is not signed.
/// </summary>
public sealed record RoboKassaResultReceived
{
    public string Provider { get; init; } = PaymentProviders.RoboKassa;
    public required string Account { get; init; }

    /// <summary><c>sandbox</c> when <c>IsTest=1</c> and the test Password #2 verified it, else <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The shop's own invoice number, exactly as received.</summary>
    public required string InvId { get; init; }

    /// <summary>The amount exactly as received and signed (e.g. <c>100.000000</c>); compare it as a decimal.</summary>
    public required string OutSum { get; init; }

    /// <summary>RoboKassa's commission, when sent.</summary>
    public string? Fee { get; init; }
    public string? PaymentMethod { get; init; }
    public string? IncCurrLabel { get; init; }
    public required bool IsTest { get; init; }

    /// <summary>The shop's signed custom parameters (<c>Shp_*</c>, any prefix case), names verbatim.</summary>
    public required IReadOnlyDictionary<string, string> ShpParameters { get; init; }

    /// <summary>The value of the account's configured user parameter (default <c>Shp_user</c>), when present.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// Every parameter received (query and form merged, form winning), except <c>EMail</c>, for audit and replay.
    /// Only <c>OutSum</c>, <c>InvId</c> and the <c>Shp_*</c> values are covered by the signature.
    /// </summary>
    public required IReadOnlyDictionary<string, string> RawParameters { get; init; }
}
