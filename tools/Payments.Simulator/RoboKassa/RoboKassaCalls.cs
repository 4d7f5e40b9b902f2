using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Simulator.RoboKassa;

/// <summary>
/// RoboKassa calls as RoboKassa makes them (docs/providers/robokassa.md): ResultURL, a form POST (or a GET) to
/// <c>/webhooks/robokassa/{account}/result</c> with <c>OutSum</c>, <c>InvId</c>, the shop's <c>Shp_*</c>
/// parameters, <c>SignatureValue</c> = hex of hash(<c>OutSum:InvId:Password#2[:Shp_name=value…]</c>) in the shop's
/// algorithm and, for a test payment, <c>IsTest=1</c> signed with the test Password #2; success is <c>200</c> with
/// exactly <c>OK{InvId}</c>. The SuccessURL redirect is a GET to <c>…/success</c> signed the same way with Password #1.
/// </summary>
public static class RoboKassaCalls
{
    /// <summary>The algorithms a shop may choose that .NET computes (RoboKassa's RIPEMD160 it does not).</summary>
    public static readonly IReadOnlyList<string> Algorithms = ["MD5", "SHA1", "SHA256", "SHA384", "SHA512"];

    /// <summary>The default user parameter of an account.</summary>
    public const string UserParameter = "Shp_user";

    public static ExpectedAnswer Success(string invId) => new(HttpStatusCode.OK, "OK" + invId);

    public static string ResultPath(string account) => $"/webhooks/robokassa/{Uri.EscapeDataString(account)}/result";

    public static string SuccessPath(string account) => $"/webhooks/robokassa/{Uri.EscapeDataString(account)}/success";

    /// <summary>The six-decimal form RoboKassa uses on ResultURL (<c>100.000000</c>).</summary>
    public static string OutSum(decimal amount) => amount.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary><c>OutSum:InvId:Password[:Shp_name=value…]</c>, the Shp parameters in <paramref name="order"/>.</summary>
    public static string BaseString(
        string outSum, string invId, string password, IEnumerable<KeyValuePair<string, string>> shp, RoboKassaShpOrder order = RoboKassaShpOrder.CaseInsensitive)
    {
        ArgumentNullException.ThrowIfNull(shp);
        var sorted = order == RoboKassaShpOrder.Ordinal
            ? shp.OrderBy(p => p.Key, StringComparer.Ordinal)

            // Lowercase, as PHP's strcasecmp does: folding to uppercase would put '_' after the letters.
            : shp.OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal);
        return $"{outSum}:{invId}:{password}" + string.Concat(sorted.Select(p => $":{p.Key}={p.Value}"));
    }

    /// <summary>Uppercase hex of the hash of the UTF-8 base string. MD5 and SHA-1 are RoboKassa's choices, not ours.</summary>
    public static string Sign(string algorithm, string baseString)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var name = algorithm.Trim().ToUpperInvariant();
        if (!Algorithms.Contains(name))
        {
            throw new ArgumentException($"The RoboKassa algorithm must be one of {string.Join(", ", Algorithms)}.", nameof(algorithm));
        }

        return Convert.ToHexString(CryptographicOperations.HashData(new HashAlgorithmName(name), Encoding.UTF8.GetBytes(baseString)));
    }

    /// <summary>The signed parameters of <paramref name="payment"/> in the order RoboKassa sends them.</summary>
    /// <param name="password">Password #2 for ResultURL, #1 for SuccessURL; the test one when <see cref="RoboKassaPayment.IsTest"/>.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(RoboKassaPayment payment, string password, string algorithm, RoboKassaCallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(payment);
        options ??= RoboKassaCallOptions.Default;
        var signature = Sign(algorithm, BaseString(payment.OutSum, payment.InvId, password, payment.Shp, options.ShpOrder));
        var parameters = new List<KeyValuePair<string, string>> { new("OutSum", payment.OutSum), new("InvId", payment.InvId) };
        Optional(parameters, "Fee", payment.Fee);
        Optional(parameters, "EMail", payment.EMail);
        Optional(parameters, "PaymentMethod", payment.PaymentMethod);
        Optional(parameters, "IncCurrLabel", payment.IncCurrLabel);
        parameters.Add(new("SignatureValue", options.LowercaseHex ? signature.ToLowerInvariant() : signature));
        parameters.AddRange(payment.Shp);
        Optional(parameters, "Culture", payment.Culture);
        if (payment.IsTest)
        {
            parameters.Add(new("IsTest", "1"));
        }

        return parameters;
    }

    /// <summary>The signed ResultURL call of <paramref name="payment"/>.</summary>
    public static ProviderRequest Result(string account, RoboKassaPayment payment, string password2, string algorithm, RoboKassaCallOptions? options = null) =>
        ResultCall(account, Parameters(payment, password2, algorithm, options), options?.UseGet ?? false);

    /// <summary>The signed SuccessURL redirect of <paramref name="payment"/> (always a GET: it is the buyer's browser).</summary>
    public static ProviderRequest SuccessRedirect(string account, RoboKassaPayment payment, string password1, string algorithm, RoboKassaCallOptions? options = null) =>
        SuccessCall(account, Parameters(payment, password1, algorithm, options));

    /// <summary>
    /// A ResultURL call with exactly these parameters (vectors, tampered or missing ones), as a form POST or a GET;
    /// <paramref name="query"/> (<c>?…</c>) adds a query to a POST.
    /// </summary>
    public static ProviderRequest ResultCall(string account, IEnumerable<KeyValuePair<string, string>> parameters, bool useGet = false, string? query = null)
    {
        var list = parameters.ToList();
        var answer = Success(list.FirstOrDefault(p => string.Equals(p.Key, "InvId", StringComparison.OrdinalIgnoreCase)).Value ?? "");
        return useGet
            ? new ProviderRequest(HttpMethod.Get, $"{ResultPath(account)}?{Encode(list)}", null, null, [], answer)
            : ResultForm(account, Encode(list), query) with { Answer = answer };
    }

    /// <summary>A ResultURL form POST of exactly <paramref name="formBody"/> (already encoded).</summary>
    public static ProviderRequest ResultForm(string account, string formBody, string? query = null) =>
        new(HttpMethod.Post, ResultPath(account) + query, Encoding.UTF8.GetBytes(formBody), "application/x-www-form-urlencoded", [], new(HttpStatusCode.OK, null));

    /// <summary>A SuccessURL redirect with exactly these parameters; success is the <c>200</c> page.</summary>
    public static ProviderRequest SuccessCall(string account, IEnumerable<KeyValuePair<string, string>> parameters) =>
        new(HttpMethod.Get, $"{SuccessPath(account)}?{Encode(parameters)}", null, null, [], new(HttpStatusCode.OK, null));

    /// <summary><c>name=value&amp;…</c>, percent-encoded UTF-8.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static void Optional(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }
    }
}
