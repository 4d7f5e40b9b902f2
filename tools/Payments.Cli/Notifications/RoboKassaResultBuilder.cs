using System.Globalization;
using System.Text;

namespace Payments.Cli.Notifications;

/// <summary>
/// RoboKassa ResultURL calls as RoboKassa makes them (PROTOCOLS.md §3.1): a form POST (or a GET) to
/// <c>/webhooks/robokassa/{account}/result</c> with <c>OutSum</c> in six decimals, <c>InvId</c>, the shop's
/// <c>Shp_user</c>, <c>SignatureValue</c> and, for a test payment, <c>IsTest=1</c> signed with the test Password #2.
/// The answer to a good call is <c>200</c> with exactly <c>OK{InvId}</c>.
/// </summary>
internal static class RoboKassaResultBuilder
{
    public const string UserParameter = "Shp_user";

    /// <summary>The six-decimal form RoboKassa uses on ResultURL (<c>100.000000</c>); text that is not a number is kept as given.</summary>
    public static string OutSum(string amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0.000000", CultureInfo.InvariantCulture)
            : amount;

    /// <param name="password2">Password #2, or the test Password #2 when <see cref="Purchase.Sandbox"/>.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(Purchase purchase, string password2, string algorithm)
    {
        var outSum = OutSum(purchase.Amount);
        KeyValuePair<string, string>[] shp = [new(UserParameter, purchase.User)];
        var signature = RoboKassaSignature.Sign(algorithm, RoboKassaSignature.BaseString(outSum, purchase.Order, password2, shp));
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("OutSum", outSum),
            new("InvId", purchase.Order),
            new("Fee", "0.00"),
            new("PaymentMethod", "BankCard"),
            new("IncCurrLabel", "BankCardPSR"),
            new("SignatureValue", signature),
        };
        parameters.AddRange(shp);
        if (purchase.Sandbox)
        {
            parameters.Add(new("IsTest", "1"));
        }

        return parameters;
    }

    public static OutgoingRequest Request(string account, IReadOnlyList<KeyValuePair<string, string>> parameters, bool useGet)
    {
        var encoded = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var path = $"/webhooks/robokassa/{Uri.EscapeDataString(account)}/result";
        return useGet
            ? new OutgoingRequest(HttpMethod.Get, $"{path}?{encoded}", null, null, [])
            : new OutgoingRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes(encoded), "application/x-www-form-urlencoded", []);
    }
}
