using System.Net;
using MassTransit.Testing;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RoboKassa;

/// <summary>
/// Every parameter that ends in a column or an identity is accepted up to its <see cref="FieldLimits"/> length, published
/// as it is and answered <c>OK{InvId}</c>; one character more is a plain-text <c>400</c> naming the parameter and the
/// limit, never <c>OK…</c>, and publishes nothing (README "Field limits").
/// </summary>
public sealed class RoboKassaFieldLimitTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(RoboKassaShop.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The shop, the parameter and its limit; <c>shop-login</c> names its user in <c>Shp_login</c>.</summary>
    public static TheoryData<string, string, int> LimitedParameters() => new()
    {
        { "shop1", "InvId", FieldLimits.ProviderId },
        { "shop1", "OutSum", FieldLimits.Amount },
        { "shop1", "Shp_user", FieldLimits.UserId },
        { "shop-login", "Shp_login", FieldLimits.UserId },
    };

    [Theory]
    [MemberData(nameof(LimitedParameters))]
    public async Task A_value_of_exactly_the_limit_is_answered_OK_and_published_as_it_is(string shop, string parameter, int limit)
    {
        var value = Value(parameter, limit);
        var call = Call(shop, parameter, value);

        using var response = await _host.PostResultAsync(shop, call);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK" + call.Single(p => p.Key == "InvId").Value, await response.Content.ReadAsStringAsync());
        var message = Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message;
        Assert.Equal(value, parameter switch
        {
            "InvId" => message.InvId,
            "OutSum" => message.OutSum,
            _ => message.UserId,
        });
    }

    [Theory]
    [MemberData(nameof(LimitedParameters))]
    public async Task One_character_more_is_refused_400_in_plain_text_and_publishes_nothing(string shop, string parameter, int limit)
    {
        using var response = await _host.PostResultAsync(shop, Call(shop, parameter, Value(parameter, limit + 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"parameter {parameter} longer than {limit} characters", await response.Content.ReadAsStringAsync());
        Assert.True(await _host.PublishedNothingAsync(), $"{parameter}: something was published");
    }

    [Fact]
    public async Task A_long_Shp_value_that_is_not_the_user_is_not_limited()
    {
        // Only the configured user parameter is stored; the others travel in ShpParameters as they came.
        using var response = await _host.PostResultAsync("shop1", Call("shop1", "Shp_note", Value("Shp_note", FieldLimits.UserId + 1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>());
    }

    /// <summary>An amount keeps its digits ("1.000…"), anything else is letters.</summary>
    private static string Value(string parameter, int length) =>
        parameter == "OutSum" ? "1." + new string('0', length - 2) : new string('q', length);

    /// <summary>A ResultURL call signed with the live Password #2, <paramref name="parameter"/> set to <paramref name="value"/>.</summary>
    private static List<KeyValuePair<string, string>> Call(string shop, string parameter, string value)
    {
        var userParameter = shop == "shop-login" ? "Shp_login" : "Shp_user";
        var values = new Dictionary<string, string> { ["OutSum"] = "10.00", ["InvId"] = "7", [userParameter] = "player-1" };
        values[parameter] = value;
        var shp = values.Where(p => p.Key.StartsWith("Shp_", StringComparison.Ordinal)).OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal);
        var baseString = string.Join(':', [values["OutSum"], values["InvId"], RoboKassaVectors.Password2, .. shp.Select(p => $"{p.Key}={p.Value}")]);
        return [.. values, new("SignatureValue", RoboKassaCalls.Sign("MD5", baseString))];
    }
}
