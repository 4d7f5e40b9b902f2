using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Scenarios.Providers;

/// <summary>One paid RoboKassa invoice as the ResultURL call reports it.</summary>
public sealed record RoboKassaPayment
{
    /// <summary>The shop's invoice number.</summary>
    public required long InvId { get; init; }

    public required decimal OutSum { get; init; }

    /// <summary>Sent as <c>Shp_user</c> (the account's default user parameter), signed.</summary>
    public string? UserId { get; init; }

    /// <summary><c>IsTest=1</c>, signed with the test Password #2.</summary>
    public bool IsTest { get; init; }
}

/// <summary>
/// RoboKassa ResultURL calls as RoboKassa sends them (PROTOCOLS.md §3): a form POST (or GET) to
/// <c>/webhooks/robokassa/{account}/result</c> with <c>OutSum</c> in six decimals, <c>InvId</c>, the
/// <c>Shp_*</c> parameters and <c>SignatureValue</c> = uppercase hex of hash(<c>OutSum:InvId:Password#2[:Shp_k=v…]</c>)
/// in the shop's algorithm. Success is <c>200</c> with exactly <c>OK{InvId}</c>.
/// </summary>
public static class RoboKassaRequests
{
    public static ExpectedAnswer Success(string invId) => new(HttpStatusCode.OK, "OK" + invId);

    /// <summary>The six-decimal form RoboKassa uses on ResultURL (<c>100.000000</c>).</summary>
    public static string OutSum(decimal amount) => amount.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <param name="password2">Password #2, or the test Password #2 for an <c>IsTest=1</c> payment.</param>
    /// <param name="algorithm">MD5, SHA1, SHA256, SHA384 or SHA512.</param>
    public static ProviderRequest Result(string account, string password2, string algorithm, RoboKassaPayment payment, bool useGet = false)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var outSum = OutSum(payment.OutSum);
        var invId = payment.InvId.ToString(CultureInfo.InvariantCulture);

        // Only our own Shp names, all in one style, so every ordering RoboKassa might use agrees (A24).
        var shp = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Shp_source"] = "scenario" };
        if (payment.UserId is not null)
        {
            shp["Shp_user"] = payment.UserId;
        }

        var signature = Sign(algorithm, $"{outSum}:{invId}:{password2}" + string.Concat(shp.Select(p => $":{p.Key}={p.Value}")));
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("OutSum", outSum),
            new("InvId", invId),
            new("Fee", (payment.OutSum * 0.039m).ToString("0.00", CultureInfo.InvariantCulture)),
            new("EMail", "buyer@example.com"),
            new("SignatureValue", signature),
            new("PaymentMethod", "BankCard"),
            new("IncCurrLabel", "BankCardPSR"),
        };
        parameters.AddRange(shp);
        if (payment.IsTest)
        {
            parameters.Add(new("IsTest", "1"));
        }

        var encoded = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var path = $"/webhooks/robokassa/{account}/result";
        return useGet
            ? new ProviderRequest(HttpMethod.Get, path + "?" + encoded, null, null, [], Success(invId))
            : new ProviderRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes(encoded), "application/x-www-form-urlencoded", [], Success(invId));
    }

    /// <summary>Uppercase hex of the hash of the UTF-8 base string.</summary>
    public static string Sign(string algorithm, string baseString) =>
        Convert.ToHexString(CryptographicOperations.HashData(new HashAlgorithmName(algorithm.ToUpperInvariant()), Encoding.UTF8.GetBytes(baseString)));
}
