using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Support;

/// <summary>
/// The test shops: <c>shop1</c> (MD5, default user parameter), one shop per other algorithm and <c>shop-login</c>
/// whose user parameter is <c>Shp_login</c>. Live passwords are those of the vectors; the test ones differ.
/// </summary>
internal static class RoboKassaShop
{
    public const string TestPassword1 = "test_password_1";
    public const string TestPassword2 = "test_password_2";

    public static readonly string[] Algorithms = ["MD5", "SHA1", "SHA256", "SHA384", "SHA512"];

    public static Dictionary<string, string?> Settings()
    {
        var settings = Account("shop1", algorithm: null);
        foreach (var algorithm in Algorithms)
        {
            foreach (var (key, value) in Account($"shop-{algorithm.ToLowerInvariant()}", algorithm))
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in Account("shop-login", algorithm: null))
        {
            settings[key] = value;
        }

        settings["Providers:RoboKassa:Accounts:shop-login:UserParameter"] = "Shp_login";
        return settings;
    }

    public static Dictionary<string, string?> Account(string name, string? algorithm)
    {
        var prefix = $"Providers:RoboKassa:Accounts:{name}";
        var settings = new Dictionary<string, string?>
        {
            [$"{prefix}:Password1"] = RoboKassaVectors.Password1,
            [$"{prefix}:Password2"] = RoboKassaVectors.Password2,
            [$"{prefix}:TestPassword1"] = TestPassword1,
            [$"{prefix}:TestPassword2"] = TestPassword2,
        };
        if (algorithm is not null)
        {
            settings[$"{prefix}:HashAlgorithm"] = algorithm;
        }

        return settings;
    }

    /// <summary>A ResultURL form POST of these parameters (and an extra query), built by the provider simulator.</summary>
    public static Task<HttpResponseMessage> PostResultAsync(this IngressTestHost host, string account, IEnumerable<KeyValuePair<string, string>> form, string? query = null) =>
        host.SendAsync(RoboKassaCalls.ResultCall(account, form, query: query));

    /// <summary>A ResultURL form POST of exactly <paramref name="formBody"/>.</summary>
    public static Task<HttpResponseMessage> PostResultAsync(this IngressTestHost host, string account, string formBody) =>
        host.SendAsync(RoboKassaCalls.ResultForm(account, formBody));

    public static Task<HttpResponseMessage> GetResultAsync(this IngressTestHost host, string account, IEnumerable<KeyValuePair<string, string>> query) =>
        host.SendAsync(RoboKassaCalls.ResultCall(account, query, useGet: true));

    public static Task<HttpResponseMessage> GetSuccessAsync(this IngressTestHost host, string account, IEnumerable<KeyValuePair<string, string>> query) =>
        host.SendAsync(RoboKassaCalls.SuccessCall(account, query));

    /// <summary>The parameters of R1 (a real payment, two Shp parameters), optionally with another SignatureValue.</summary>
    public static List<KeyValuePair<string, string>> R1(string signature = RoboKassaVectors.R1Md5) =>
    [
        new("OutSum", "100.000000"),
        new("InvId", "450009"),
        new("SignatureValue", signature),
        new("Shp_login", "Vasya"),
        new("Shp_oplata", "1"),
    ];
}
