using System.Net;
using MassTransit.Testing;
using Payments.Contracts.Providers.RoboKassa;
using Payments.Contracts;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RoboKassa;

/// <summary>Accepted ResultURL calls: exactly <c>OK{InvId}</c>, after the exact message was published.</summary>
public sealed class RoboKassaResultTests : IAsyncLifetime
{
    private IngressTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngressTestHost.StartAsync(RoboKassaShop.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task R1_example_POST_body_is_answered_exactly_OK450009_after_its_message_was_published()
    {
        using var response = await _host.PostResultAsync("shop1", RoboKassaVectors.R1Body);

        await AssertOk(response, "450009");
        var published = Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>());
        var message = published.Context.Message;
        Assert.Equal("robokassa", message.Provider);
        Assert.Equal("shop1", message.Account);
        Assert.Equal("production", message.Environment);
        Assert.Equal("450009", message.InvId);
        Assert.Equal("100.000000", message.OutSum);
        Assert.False(message.IsTest);
        Assert.Null(message.Fee);
        Assert.Null(message.UserId);
        Assert.Equal(new Dictionary<string, string> { ["Shp_login"] = "Vasya", ["Shp_oplata"] = "1" }, message.ShpParameters);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["OutSum"] = "100.000000",
                ["InvId"] = "450009",
                ["SignatureValue"] = RoboKassaVectors.R1Md5,
                ["Shp_login"] = "Vasya",
                ["Shp_oplata"] = "1",
            },
            message.RawParameters);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "robokassa/shop1/production/450009/100.000000"), published.Context.MessageId);
        Assert.False(await _host.PublishedNothingAsync(), "the check used by the refusal tests must see a publish");
    }

    [Fact]
    public async Task R1_as_a_GET_query_is_accepted_too()
    {
        using var response = await _host.GetResultAsync("shop1", RoboKassaShop.R1());

        await AssertOk(response, "450009");
        Assert.Equal("450009", Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.InvId);
    }

    [Theory]
    [InlineData("md5", RoboKassaVectors.R1Md5)]
    [InlineData("sha1", RoboKassaVectors.R1Sha1)]
    [InlineData("sha256", RoboKassaVectors.R1Sha256)]
    [InlineData("sha384", RoboKassaVectors.R1Sha384)]
    [InlineData("sha512", RoboKassaVectors.R1Sha512)]
    public async Task R1_is_accepted_by_a_shop_set_to_each_algorithm(string algorithm, string signature)
    {
        using var response = await _host.PostResultAsync($"shop-{algorithm}", RoboKassaShop.R1(signature));

        await AssertOk(response, "450009");
        Assert.Equal($"shop-{algorithm}", Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.Account);
    }

    [Fact]
    public async Task R1_signed_with_another_algorithm_than_the_shop_is_set_to_is_refused()
    {
        using var response = await _host.PostResultAsync("shop-sha256", RoboKassaShop.R1(RoboKassaVectors.R1Md5));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad signature", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task R2_without_Shp_parameters()
    {
        using var response = await _host.PostResultAsync(
            "shop1", [new("OutSum", "100.000000"), new("InvId", "450009"), new("SignatureValue", RoboKassaVectors.R2Md5)]);

        await AssertOk(response, "450009");
        Assert.Empty(Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.ShpParameters);
    }

    [Theory]
    [InlineData(RoboKassaVectors.R4aMd5)]
    [InlineData(RoboKassaVectors.R4bMd5)]
    public async Task R4_both_orderings_of_mixed_case_Shp_names_are_accepted(string signature)
    {
        using var response = await _host.PostResultAsync(
            "shop1", [new("OutSum", "10.00"), new("InvId", "7"), new("SignatureValue", signature), new("Shp_b", "2"), new("shp_a", "1")]);

        await AssertOk(response, "7");
        Assert.Equal(
            new Dictionary<string, string> { ["shp_a"] = "1", ["Shp_b"] = "2" },
            Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.ShpParameters);
    }

    [Fact]
    public async Task R5_a_Cyrillic_user_is_verified_as_UTF8_and_becomes_the_user_id()
    {
        using var response = await _host.PostResultAsync(
            "shop1", [new("OutSum", "150.000000"), new("InvId", "1001"), new("SignatureValue", RoboKassaVectors.R5Md5), new("Shp_user", "Иван")]);

        await AssertOk(response, "1001");
        Assert.Equal("Иван", Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.UserId);
    }

    [Fact]
    public async Task The_configured_user_parameter_names_the_user()
    {
        using var response = await _host.PostResultAsync("shop-login", RoboKassaShop.R1());

        await AssertOk(response, "450009");
        Assert.Equal("Vasya", Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.UserId);
    }

    [Fact]
    public async Task Lowercase_hex_is_accepted()
    {
        using var response = await _host.PostResultAsync("shop1", RoboKassaShop.R1(RoboKassaVectors.R1Md5.ToLowerInvariant()));

        await AssertOk(response, "450009");
    }

    [Fact]
    public async Task A_form_value_wins_over_a_query_value_of_the_same_name()
    {
        using var response = await _host.PostResultAsync("shop1", RoboKassaShop.R1(), query: "?OutSum=1.00&Shp_login=Mallory&Culture=ru");

        await AssertOk(response, "450009");
        var message = Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message;
        Assert.Equal("100.000000", message.OutSum);
        Assert.Equal("Vasya", message.ShpParameters["Shp_login"]);
        Assert.Equal("ru", message.RawParameters["Culture"]);
    }

    [Fact]
    public async Task A_query_value_cannot_override_the_form()
    {
        var form = RoboKassaShop.R1().Where(p => p.Key != "OutSum").Append(new("OutSum", "1.00"));

        using var response = await _host.PostResultAsync("shop1", form, query: "?OutSum=100.000000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad signature", await response.Content.ReadAsStringAsync());
        Assert.True(await _host.PublishedNothingAsync());
    }

    [Fact]
    public async Task Core_names_are_matched_in_any_case_and_InvId_is_echoed_as_received()
    {
        using var response = await _host.PostResultAsync(
            "shop1",
            [new("outsum", "100.000000"), new("INVID", "450009"), new("signaturevalue", RoboKassaVectors.R1Md5), new("Shp_login", "Vasya"), new("Shp_oplata", "1")]);

        await AssertOk(response, "450009");
    }

    [Fact]
    public async Task IsTest_1_verified_with_TestPassword2_is_a_sandbox_payment()
    {
        var signature = RoboKassaCalls.Sign("MD5", "100.000000:450009:test_password_2:Shp_login=Vasya:Shp_oplata=1");
        var form = RoboKassaShop.R1(signature).Append(new("IsTest", "1"));

        using var response = await _host.PostResultAsync("shop1", form);

        await AssertOk(response, "450009");
        var published = Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>());
        Assert.Equal("sandbox", published.Context.Message.Environment);
        Assert.True(published.Context.Message.IsTest);
        Assert.Equal(NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "robokassa/shop1/sandbox/450009/100.000000"), published.Context.MessageId);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    public async Task IsTest_other_than_1_is_a_real_payment(string isTest)
    {
        using var response = await _host.PostResultAsync("shop1", RoboKassaShop.R1().Append(new("IsTest", isTest)));

        await AssertOk(response, "450009");
        Assert.Equal("production", Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.Environment);
    }

    [Fact]
    public async Task The_optional_fields_are_carried_and_the_buyer_email_is_not()
    {
        var form = RoboKassaShop.R1().Concat(
            [new("Fee", "3.500000"), new("EMail", "buyer@example.com"), new("PaymentMethod", "BankCard"), new("IncCurrLabel", "BankCardPSR")]);

        using var response = await _host.PostResultAsync("shop1", form);

        await AssertOk(response, "450009");
        var message = Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message;
        Assert.Equal("3.500000", message.Fee);
        Assert.Equal("BankCard", message.PaymentMethod);
        Assert.Equal("BankCardPSR", message.IncCurrLabel);
        Assert.DoesNotContain(message.RawParameters, p => p.Key.Equals("EMail", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(message.RawParameters.Values, v => v.Contains("buyer@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repeated_call_is_published_under_the_same_message_id_and_answered_OK_again()
    {
        var recorder = new PublishRecorder();
        using var observer = _host.Harness.Bus.ConnectPublishObserver(recorder);

        using var first = await _host.PostResultAsync("shop1", RoboKassaVectors.R1Body);
        using var retry = await _host.GetResultAsync("shop1", RoboKassaShop.R1());

        await AssertOk(first, "450009");
        await AssertOk(retry, "450009");
        var expected = NameBasedGuid.Create(NameBasedGuid.ProviderEvents, "robokassa/shop1/production/450009/100.000000");
        Assert.Equal([expected, expected], recorder.MessageIds);
    }

    [Fact]
    public async Task The_account_in_the_URL_is_matched_in_any_case_and_published_as_configured()
    {
        using var response = await _host.PostResultAsync("SHOP1", RoboKassaVectors.R1Body);

        await AssertOk(response, "450009");
        Assert.Equal("shop1", Assert.Single(_host.Harness.Published.Select<RoboKassaResultReceived>()).Context.Message.Account);
    }

    private static async Task AssertOk(HttpResponseMessage response, string invId)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK" + invId, await response.Content.ReadAsStringAsync());
    }
}
